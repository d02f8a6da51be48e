# SPDX-License-Identifier: GPL-2.0
#
# kunit.py --qemu_config for scripts/kunit-verify.sh: x86_64 under qemu
# with its default firmware (SeaBIOS).  kunit.py's own x86_64 config boots
# with -bios qboot.rom, which printed nothing within kunit.py's 300 s here
# (qemu 7.2, TCG: no KVM on this machine); SeaBIOS boots the same kernel
# and runs the tests in well under a minute.
from ..qemu_config import QemuArchParams

QEMU_ARCH = QemuArchParams(linux_arch='x86_64',
			   kconfig='''
CONFIG_SERIAL_8250=y
CONFIG_SERIAL_8250_CONSOLE=y''',
			   qemu_arch='x86_64',
			   kernel_path='arch/x86/boot/bzImage',
			   kernel_command_line='console=ttyS0',
			   extra_qemu_params=[])
