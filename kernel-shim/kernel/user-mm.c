// SPDX-License-Identifier: GPL-2.0
/*
 * The fake processes VFIO and iommufd serve: tasks, their mm with VMAs,
 * users, open files, and GUP over user RAM that has struct pages
 * (PTF_USER_RAM_PFN and up) or over PFNMAP memory that has none.
 *
 * Every stand-in checks its own contract instead of silently succeeding:
 *   - each user page counts its pins; an unpin of a page that holds none
 *     is fatal at once, and the engine compares the counts with the uAPI
 *     model after every op (a leaked pin is a finding too);
 *   - GUP and follow_pfnmap_start() need mmap_lock held (the remote
 *     variants) or take it themselves (the _fast one);
 *   - mmget/mmput, mmgrab/mmdrop, get/put_task_struct, get_uid/free_uid and
 *     file references must not go below what the process itself holds;
 *     what is left above it the engine checks after teardown;
 *   - __account_locked_vm() needs mmap_lock for writing and WARNs when an
 *     unaccount goes below zero, as mm/util.c does.
 *
 * Built once per twin: each twin has its own processes, RAM and pin counts.
 * Not instrumented for coverage: this is the harness's side of the kernel,
 * and its per-page loops would dominate the fuzzer's time.
 */
#include <linux/file.h>
#include <linux/fs.h>
#include <linux/highmem.h>
#include <linux/kthread.h>
#include <linux/mm.h>
#include <linux/sched/mm.h>
#include <linux/sched/signal.h>
#include <linux/slab.h>
#include <linux/uaccess.h>

#include "caller.h"
#include "user-mm.h"

#pragma clang attribute push(__attribute__((no_sanitize("coverage"))), apply_to = function)

#define TASK_SIZE_MAX	(1UL << 47)
#define MAX_FILES	8

struct ptf_proc {
	struct task_struct task;
	struct mm_struct mm;
	struct user_struct user;
	struct vm_area_struct vmas[PTF_MAX_VMAS];
	unsigned int nr_vmas;
	struct file *files[MAX_FILES];
};

static struct ptf_proc procs[PTF_NR_PROCS];
static int cur_proc;
static struct task_struct *kthread_saved_mm_owner;
static struct page *memmap;		/* PTF_USER_RAM_PAGES struct pages */
static long total_pins;
static u8 *ram;				/* their bytes */

struct task_struct *ptf_current(void)
{
	return &procs[cur_proc].task;
}

/* RAM and its struct pages ------------------------------------------------ */

static bool pfn_is_ram(unsigned long pfn)
{
	return pfn >= PTF_USER_RAM_PFN &&
	       pfn - PTF_USER_RAM_PFN < PTF_USER_RAM_PAGES;
}

bool pfn_valid(unsigned long pfn)
{
	return pfn_is_ram(pfn);
}

struct page *pfn_to_page(unsigned long pfn)
{
	struct page *page;

	if (!pfn_is_ram(pfn))
		ptf_rt_fatal("user-pages", "pfn_to_page(%#lx): no struct page (not RAM)",
			     pfn);
	page = &memmap[pfn - PTF_USER_RAM_PFN];
	/* kmap_local_page() reads the page's address here. */
	page->private = (unsigned long)(ram + (pfn - PTF_USER_RAM_PFN) * PAGE_SIZE);
	return page;
}

unsigned long page_to_pfn(const struct page *page)
{
	if (page < memmap || page >= memmap + PTF_USER_RAM_PAGES)
		ptf_rt_fatal("user-pages", "page_to_pfn(%p): not a struct page of user RAM",
			     page);
	return PTF_USER_RAM_PFN + (page - memmap);
}

static void pin_page(struct page *page)
{
	page->ptf_pins++;
	total_pins++;
}

void unpin_user_page(struct page *page)
{
	unsigned long pfn = page_to_pfn(page);

	if (page->ptf_pins <= 0)
		ptf_rt_fatal("a page was unpinned that holds no pin",
			     "unpin of pfn %#lx, which holds no pin (a double unpin, or one never pinned)",
			     pfn);
	page->ptf_pins--;
	total_pins--;
}

void unpin_user_pages(struct page **pages, unsigned long npages)
{
	for (unsigned long i = 0; i < npages; i++)
		unpin_user_page(pages[i]);
}

void set_page_dirty_lock(struct page *page)
{
	page_to_pfn(page);
	page->flags |= 1;
}

void unpin_user_pages_dirty_lock(struct page **pages, unsigned long npages,
				 bool make_dirty)
{
	for (unsigned long i = 0; i < npages; i++) {
		if (make_dirty)
			set_page_dirty_lock(pages[i]);
		unpin_user_page(pages[i]);
	}
}

void unpin_user_page_range_dirty_lock(struct page *page, unsigned long npages,
				      bool make_dirty)
{
	/* The range must be struct pages in a row, all of user RAM. */
	if (npages)
		page_to_pfn(page + npages - 1);
	for (unsigned long i = 0; i < npages; i++) {
		if (make_dirty)
			set_page_dirty_lock(page + i);
		unpin_user_page(page + i);
	}
}

int folio_add_pins(struct folio *folio, unsigned int pins)
{
	struct page *page = &folio->page;

	if (WARN_ON(page->ptf_pins <= 0))
		return -EINVAL;
	page->ptf_pins += pins;
	total_pins += pins;
	return 0;
}

void unpin_folios(struct folio **folios, unsigned long nfolios)
{
	for (unsigned long i = 0; i < nfolios; i++)
		unpin_user_page(&folios[i]->page);
}

/* The fake processes have no memfd: IOMMU_IOAS_MAP_FILE gets -EBADF first. */
long memfd_pin_folios(struct file *memfd, loff_t start, loff_t end,
		      struct folio **folios, unsigned int max_folios,
		      pgoff_t *offset)
{
	WARN_ON(1);
	return -EINVAL;
}

/* VMAs -------------------------------------------------------------------- */

static unsigned long vma_pfn(const struct vm_area_struct *vma,
			     unsigned long addr)
{
	unsigned long i = (addr - vma->vm_start) >> PAGE_SHIFT;

	return vma->ptf_pfn + (i / vma->ptf_run) * vma->ptf_stride +
	       i % vma->ptf_run;
}

struct vm_area_struct *vma_lookup(struct mm_struct *mm, unsigned long addr)
{
	struct ptf_proc *p = container_of(mm, struct ptf_proc, mm);

	for (unsigned int i = 0; i < p->nr_vmas; i++)
		if (addr >= p->vmas[i].vm_start && addr < p->vmas[i].vm_end)
			return &p->vmas[i];
	return NULL;
}

/* The first VMA ending above @addr (they are sorted by address). */
struct vm_area_struct *find_vma(struct mm_struct *mm, unsigned long addr)
{
	struct ptf_proc *p = container_of(mm, struct ptf_proc, mm);

	for (unsigned int i = 0; i < p->nr_vmas; i++)
		if (addr < p->vmas[i].vm_end)
			return &p->vmas[i];
	return NULL;
}

static bool vma_allows(const struct vm_area_struct *vma, bool write)
{
	return write ? vma->vm_flags & VM_WRITE : vma->vm_flags & VM_READ;
}

/* GUP --------------------------------------------------------------------- */

static long pin_range(struct mm_struct *mm, unsigned long start,
		      unsigned long nr_pages, unsigned int gup_flags,
		      struct page **pages)
{
	bool write = gup_flags & FOLL_WRITE;
	struct vm_area_struct *vma = NULL;
	unsigned long i;

	if (WARN_ON(!pages) || !nr_pages)
		return 0;
	/* Like GUP: the pages holding start, start + PAGE_SIZE, ... */
	start &= PAGE_MASK;
	for (i = 0; i < nr_pages; i++) {
		unsigned long addr = start + i * PAGE_SIZE;

		if (!vma || addr >= vma->vm_end)
			vma = vma_lookup(mm, addr);
		/* No struct pages behind VM_IO / VM_PFNMAP: GUP refuses. */
		if (!vma || (vma->vm_flags & (VM_IO | VM_PFNMAP)) ||
		    !vma_allows(vma, write))
			break;
		pages[i] = pfn_to_page(vma_pfn(vma, addr));
		pin_page(pages[i]);
	}
	return i ? (long)i : -EFAULT;
}

long pin_user_pages_remote(struct mm_struct *mm, unsigned long start,
			   unsigned long nr_pages, unsigned int gup_flags,
			   struct page **pages, int *locked)
{
	mmap_assert_locked(mm);
	WARN_ON(locked);	/* nobody here asks GUP to drop mmap_lock */
	return pin_range(mm, start, nr_pages, gup_flags, pages);
}

long pin_user_pages(unsigned long start, unsigned long nr_pages,
		    unsigned int gup_flags, struct page **pages)
{
	mmap_assert_locked(current->mm);
	return pin_range(current->mm, start, nr_pages, gup_flags, pages);
}

int pin_user_pages_fast(unsigned long start, int nr_pages,
			unsigned int gup_flags, struct page **pages)
{
	struct mm_struct *mm = current->mm;
	long ret;

	if (WARN_ON(!mm) || nr_pages <= 0)
		return nr_pages < 0 ? -EINVAL : 0;
	mmap_read_lock(mm);
	ret = pin_range(mm, start, nr_pages, gup_flags, pages);
	mmap_read_unlock(mm);
	return ret;
}

/*
 * The largest page table level (4K, 2M, 1G) whose aligned block around
 * @addr lies inside the VMA and one contiguous run: what the huge PFNMAP
 * entries of a BAR would give.
 */
static unsigned long pfnmap_mask(const struct vm_area_struct *vma,
				 unsigned long addr)
{
	static const unsigned int shifts[] = { 30, 21 };

	for (unsigned int i = 0; i < ARRAY_SIZE(shifts); i++) {
		unsigned long size = 1UL << shifts[i];
		unsigned long base = addr & ~(size - 1);
		unsigned long pfn = vma_pfn(vma, base);

		if (base >= vma->vm_start && base + size <= vma->vm_end &&
		    !(pfn & ((size >> PAGE_SHIFT) - 1)) &&
		    vma_pfn(vma, base + size - PAGE_SIZE) ==
		    pfn + (size >> PAGE_SHIFT) - 1)
			return ~(size - 1);
	}
	return PAGE_MASK;
}

int follow_pfnmap_start(struct follow_pfnmap_args *args)
{
	struct vm_area_struct *vma = args->vma;

	mmap_assert_locked(vma->vm_mm);
	if (!(vma->vm_flags & VM_PFNMAP) || args->address < vma->vm_start ||
	    args->address >= vma->vm_end)
		return -EINVAL;
	args->pfn = vma_pfn(vma, args->address & PAGE_MASK);
	args->addr_mask = pfnmap_mask(vma, args->address);
	args->writable = vma->vm_flags & VM_WRITE;
	args->special = true;
	ptf_rt_lock_acquire("follow_pfnmap");
	return 0;
}

void follow_pfnmap_end(struct follow_pfnmap_args *args)
{
	ptf_rt_lock_release("follow_pfnmap");
}

/* Every page of the fake address space is present: no fault can help. */
int fixup_user_fault(struct mm_struct *mm, unsigned long address,
		     unsigned int fault_flags, bool *unlocked)
{
	struct vm_area_struct *vma;

	mmap_assert_locked(mm);
	vma = vma_lookup(mm, address);
	if (!vma || !vma_allows(vma, fault_flags & FAULT_FLAG_WRITE))
		return -EFAULT;
	return 0;
}

/* locked_vm, as mm/util.c accounts it ------------------------------------- */

int __account_locked_vm(struct mm_struct *mm, unsigned long pages, bool inc,
			struct task_struct *task, bool bypass_rlim)
{
	unsigned long locked_vm = mm->locked_vm;

	mmap_assert_write_locked(mm);
	if (inc) {
		if (!bypass_rlim &&
		    locked_vm + pages > task_rlimit(task, RLIMIT_MEMLOCK) >> PAGE_SHIFT)
			return -ENOMEM;
		mm->locked_vm = locked_vm + pages;
	} else {
		WARN_ON_ONCE(pages > locked_vm);
		mm->locked_vm = locked_vm - pages;
	}
	return 0;
}

int account_locked_vm(struct mm_struct *mm, unsigned long pages, bool inc)
{
	int ret;

	if (!pages || !mm)
		return 0;
	mmap_write_lock(mm);
	ret = __account_locked_vm(mm, pages, inc, current,
				  capable(CAP_IPC_LOCK));
	mmap_write_unlock(mm);
	return ret;
}

/* Reference counts, checked -------------------------------------------------- */

static void put_ref(atomic_t *count, const char *what)
{
	if (atomic_dec_return(count) < 1)
		ptf_rt_fatal("a reference was dropped that was not held",
			     "%s below the process's own reference", what);
}

void mmgrab(struct mm_struct *mm)
{
	atomic_inc(&mm->mm_count);
}

void mmdrop(struct mm_struct *mm)
{
	put_ref(&mm->mm_count, "mmdrop(): mm_count");
}

void mmget(struct mm_struct *mm)
{
	atomic_inc(&mm->mm_users);
}

bool mmget_not_zero(struct mm_struct *mm)
{
	return atomic_inc_not_zero(&mm->mm_users);
}

void mmput(struct mm_struct *mm)
{
	put_ref(&mm->mm_users, "mmput(): mm_users");
}

struct task_struct *get_task_struct(struct task_struct *t)
{
	refcount_inc(&t->usage);
	return t;
}

void put_task_struct(struct task_struct *t)
{
	put_ref(&t->usage.refs, "put_task_struct(): usage");
}

struct user_struct *get_uid(struct user_struct *u)
{
	refcount_inc(&u->__count);
	return u;
}

void free_uid(struct user_struct *u)
{
	if (u)
		put_ref(&u->__count.refs, "free_uid(): the user's count");
}

/* A kernel thread working on a process's memory (vfio_dma_rw()). */
void kthread_use_mm(struct mm_struct *mm)
{
	WARN_ON(kthread_saved_mm_owner);
	kthread_saved_mm_owner = current;
	current->mm = mm;
}

void kthread_unuse_mm(struct mm_struct *mm)
{
	WARN_ON(!kthread_saved_mm_owner || current->mm != mm);
	current->mm = &procs[cur_proc].mm;
	kthread_saved_mm_owner = NULL;
}

/* Files ------------------------------------------------------------------- */

int ptf_file_install(const struct file_operations *fops, void *private_data)
{
	struct ptf_proc *p = &procs[cur_proc];
	struct file *f;
	int fd;

	for (fd = 0; fd < MAX_FILES && p->files[fd]; fd++)
		;
	if (fd == MAX_FILES)
		return -EMFILE;
	f = kzalloc(sizeof(*f), GFP_KERNEL);
	if (!f)
		return -ENOMEM;
	atomic_long_set(&f->f_count, 1);
	f->f_op = fops;
	f->private_data = private_data;
	f->ptf_fd = fd;
	p->files[fd] = f;
	return fd;
}

struct file *ptf_file_of(int fd)
{
	if (fd < 0 || fd >= MAX_FILES)
		return NULL;
	return procs[cur_proc].files[fd];
}

struct file *fget(unsigned int fd)
{
	struct file *f = ptf_file_of(fd);

	return f ? get_file(f) : NULL;
}

struct file *get_file(struct file *f)
{
	atomic_long_inc(&f->f_count);
	return f;
}

/* The last reference releases the file at once (as __fput_sync() does). */
void fput(struct file *f)
{
	long left = atomic_long_sub_return(1, &f->f_count);

	if (left < 0)
		ptf_rt_fatal("a reference was dropped that was not held",
			     "fput(): the file's count below zero");
	if (left)
		return;
	if (f->f_op->release)
		f->f_op->release(NULL, f);
	kfree(f);
}

void __fput_sync(struct file *f)
{
	fput(f);
}

/* close(fd): the process's own reference. */
void ptf_file_close(int fd)
{
	struct file *f = ptf_file_of(fd);

	if (!f)
		return;
	procs[cur_proc].files[fd] = NULL;
	fput(f);
}

/*
 * The current process's @fd passed to every other process at the same
 * number, as SCM_RIGHTS would (a reference each): 0, or -EBADF, -EMFILE.
 */
int ptf_file_share(int fd)
{
	struct file *f = ptf_file_of(fd);

	if (!f)
		return -EBADF;
	for (int i = 0; i < PTF_NR_PROCS; i++)
		if (i != cur_proc && procs[i].files[fd])
			return -EMFILE;
	for (int i = 0; i < PTF_NR_PROCS; i++)
		if (i != cur_proc)
			procs[i].files[fd] = get_file(f);
	return 0;
}

/* close(fd) of the current process's file in every process that has it. */
void ptf_file_close_shared(int fd)
{
	struct file *f = ptf_file_of(fd);

	if (!f)
		return;
	for (int i = 0; i < PTF_NR_PROCS; i++)
		if (procs[i].files[fd] == f) {
			procs[i].files[fd] = NULL;
			fput(f);
		}
}

/* User copies --------------------------------------------------------------- */

/* The bytes of @uva, if the current process may access them so. */
static u8 *user_byte(struct mm_struct *mm, unsigned long uva, bool write)
{
	struct vm_area_struct *vma = vma_lookup(mm, uva);
	unsigned long pfn;

	if (!vma || !vma_allows(vma, write))
		return NULL;
	pfn = vma_pfn(vma, uva & PAGE_MASK);
	if (!pfn_is_ram(pfn))
		return NULL;	/* a BAR: not through copy_*_user here */
	return ram + (pfn - PTF_USER_RAM_PFN) * PAGE_SIZE + (uva & ~PAGE_MASK);
}

/* Copy between kernel memory and @uva page by page; bytes not copied. */
static unsigned long user_copy(struct mm_struct *mm, unsigned long uva,
			       void *buf, unsigned long n, bool to_user)
{
	u8 *kbuf = buf;

	if (!access_ok((const void __user *)uva, n))
		return n;
	while (n) {
		unsigned long chunk = min(n, PAGE_SIZE - (uva & ~PAGE_MASK));
		u8 *u = user_byte(mm, uva, to_user);

		if (!u)
			break;
		if (!kbuf)
			memset(u, 0, chunk);
		else if (to_user)
			memcpy(u, kbuf, chunk);
		else
			memcpy(kbuf, u, chunk);
		if (kbuf)
			kbuf += chunk;
		uva += chunk;
		n -= chunk;
	}
	return n;
}

bool access_ok(const void __user *addr, unsigned long size)
{
	unsigned long a = (unsigned long)addr;

	return size <= TASK_SIZE_MAX && a <= TASK_SIZE_MAX - size;
}

unsigned long copy_from_user(void *to, const void __user *from,
			     unsigned long n)
{
	unsigned long left = user_copy(current->mm, (unsigned long)from, to, n,
				       false);

	/* As the kernel does: what could not be copied is zeroed. */
	memset((u8 *)to + (n - left), 0, left);
	return left;
}

unsigned long copy_to_user(void __user *to, const void *from, unsigned long n)
{
	return user_copy(current->mm, (unsigned long)to, (void *)from, n, true);
}

unsigned long clear_user(void __user *to, unsigned long n)
{
	return user_copy(current->mm, (unsigned long)to, NULL, n, true);
}

/*
 * As <linux/uaccess.h> documents it: a shorter user struct is zero
 * extended, a longer one must be zero past what the kernel knows
 * (-E2BIG otherwise).
 */
int copy_struct_from_user(void *dst, size_t ksize, const void __user *src,
			  size_t usize)
{
	size_t size = min(ksize, usize);

	/* check_zeroed_user(): the first non-zero byte or fault decides. */
	for (size_t i = ksize; i < usize;) {
		u8 b[256];
		size_t n = min(usize - i, sizeof(b));
		size_t left = user_copy(current->mm, (unsigned long)src + i, b,
					n, false);

		for (size_t k = 0; k < n - left; k++)
			if (b[k])
				return -E2BIG;
		if (left)
			return -EFAULT;
		i += n;
	}
	if (copy_from_user(dst, src, size))
		return -EFAULT;
	memset((u8 *)dst + size, 0, ksize - size);
	return 0;
}

int copy_struct_to_user(void __user *dst, size_t usize, const void *src,
			size_t ksize, bool *ignored_trailing)
{
	size_t size = min(ksize, usize);

	if (ignored_trailing)
		*ignored_trailing = ksize > usize;
	if (usize > ksize && clear_user((u8 __user *)dst + ksize, usize - ksize))
		return -EFAULT;
	return copy_to_user(dst, src, size) ? -EFAULT : 0;
}

/* The harness's side (plain C, see caller.h) ------------------------------------ */

static void init_proc(int i)
{
	struct ptf_proc *p = &procs[i];

	memset(p, 0, sizeof(*p));
	p->task.mm = &p->mm;
	p->task.group_leader = &p->task;
	refcount_set(&p->task.usage, 1);
	p->task.pid = 1000 + i;
	memcpy(p->task.comm, "ptfuzz", 7);
	p->task.ptf_user = &p->user;
	p->task.ptf_memlock = 8UL << 20;
	refcount_set(&p->user.__count, 1);
	atomic_set(&p->mm.mm_users, 1);
	atomic_set(&p->mm.mm_count, 1);
	init_rwsem(&p->mm.mmap_lock);
	p->mm.ptf_id = i;
}

void ptf_user_reset(void)
{
	if (!memmap) {
		memmap = ptf_rt_user_area(0, PTF_USER_RAM_PAGES * sizeof(*memmap));
		ram = ptf_rt_user_area(1, PTF_USER_RAM_PAGES * PAGE_SIZE);
	}
	ptf_rt_user_area_clear(0);
	ptf_rt_user_area_clear(1);
	total_pins = 0;
	for (int i = 0; i < PTF_NR_PROCS; i++)
		init_proc(i);
	cur_proc = 0;
	kthread_saved_mm_owner = NULL;
}

void ptf_user_set_proc(int proc, const struct ptf_user_proc *up)
{
	procs[proc].task.ptf_memlock = up->memlock;
	procs[proc].task.ptf_ipc_lock = up->ipc_lock;
	procs[proc].task.ptf_rawio = up->rawio;
}

void ptf_user_switch(int proc)
{
	cur_proc = proc;
}

static bool vma_fits(const struct ptf_user_vma *v)
{
	ptf_u64 pages = v->size >> PAGE_SHIFT, last;

	if (!pages || ((v->start | v->size) & ~PAGE_MASK) || !v->run ||
	    v->stride < v->run || v->start + v->size < v->start ||
	    v->start + v->size > TASK_SIZE_MAX)
		return false;
	last = v->pfn + ((pages - 1) / v->run) * v->stride +
	       (pages - 1) % v->run;
	if (v->flags & PTF_VMA_PFNMAP)
		return v->pfn >= PTF_USER_MMIO_PFN &&
		       last < PTF_USER_MMIO_PFN + PTF_USER_MMIO_PAGES;
	return pfn_is_ram(v->pfn) && pfn_is_ram(last) && last >= v->pfn;
}

int ptf_user_mmap(int proc, const struct ptf_user_vma *v)
{
	struct ptf_proc *p = &procs[proc];
	struct vm_area_struct *vma;
	unsigned int i;

	if (!vma_fits(v) || p->nr_vmas == PTF_MAX_VMAS)
		return -EINVAL;
	for (i = 0; i < p->nr_vmas; i++)
		if (v->start < p->vmas[i].vm_end &&
		    p->vmas[i].vm_start < v->start + v->size)
			return -EEXIST;
	/* Keep them sorted by address. */
	for (i = p->nr_vmas; i && p->vmas[i - 1].vm_start > v->start; i--)
		p->vmas[i] = p->vmas[i - 1];
	vma = &p->vmas[i];
	p->nr_vmas++;
	*vma = (struct vm_area_struct){
		.vm_start = v->start,
		.vm_end = v->start + v->size,
		.vm_mm = &p->mm,
		.vm_flags = (v->flags & PTF_VMA_READ ? VM_READ : 0) |
			    (v->flags & PTF_VMA_WRITE ? VM_WRITE : 0) |
			    (v->flags & PTF_VMA_PFNMAP ? VM_IO | VM_PFNMAP : 0),
		.ptf_pfn = v->pfn,
		.ptf_run = v->run,
		.ptf_stride = v->stride,
	};
	return 0;
}

/* The harness reads and writes any RAM-backed VMA, whatever its flags. */
static ptf_u64 harness_copy(int proc, ptf_u64 uva, void *buf, ptf_u64 len,
			    bool to_user)
{
	struct mm_struct *mm = &procs[proc].mm;
	u8 *b = buf;

	while (len) {
		struct vm_area_struct *vma = vma_lookup(mm, uva);
		ptf_u64 chunk = min(len, PAGE_SIZE - (uva & ~PAGE_MASK));
		unsigned long pfn;
		u8 *u;

		if (!vma)
			break;
		pfn = vma_pfn(vma, uva & PAGE_MASK);
		if (!pfn_is_ram(pfn))
			break;
		u = ram + (pfn - PTF_USER_RAM_PFN) * PAGE_SIZE + (uva & ~PAGE_MASK);
		if (to_user)
			memcpy(u, b, chunk);
		else
			memcpy(b, u, chunk);
		b += chunk;
		uva += chunk;
		len -= chunk;
	}
	return len;
}

ptf_u64 ptf_user_write(int proc, ptf_u64 uva, const void *buf, ptf_u64 len)
{
	return harness_copy(proc, uva, (void *)buf, len, true);
}

ptf_u64 ptf_user_read(int proc, ptf_u64 uva, void *buf, ptf_u64 len)
{
	return harness_copy(proc, uva, buf, len, false);
}

long ptf_user_pins(ptf_u64 pfn)
{
	return pfn_is_ram(pfn) ? memmap[pfn - PTF_USER_RAM_PFN].ptf_pins : -1;
}

long ptf_user_pins_sum(ptf_u64 pfn, ptf_u64 n)
{
	const struct page *p, *end;
	long sum = 0;

	if (!pfn_is_ram(pfn) || !pfn_is_ram(pfn + n - 1) || pfn + n < pfn)
		return -1;
	end = &memmap[pfn - PTF_USER_RAM_PFN] + n;
	for (p = &memmap[pfn - PTF_USER_RAM_PFN]; p < end; p++)
		sum += p->ptf_pins;
	return sum;
}

int ptf_user_page_dirty(ptf_u64 pfn, int clear)
{
	struct page *page;
	int dirty;

	if (!pfn_is_ram(pfn))
		return 0;
	page = &memmap[pfn - PTF_USER_RAM_PFN];
	dirty = page->flags & 1;
	if (clear)
		page->flags &= ~1UL;
	return dirty;
}

void ptf_user_state(int proc, struct ptf_user_state *st)
{
	struct ptf_proc *p = &procs[proc];
	int files = 0;

	for (int fd = 0; fd < MAX_FILES; fd++)
		files += !!p->files[fd];
	*st = (struct ptf_user_state){
		.mm_users = atomic_read(&p->mm.mm_users) - 1,
		.mm_count = atomic_read(&p->mm.mm_count) - 1,
		.task_refs = refcount_read(&p->task.usage) - 1,
		.user_refs = refcount_read(&p->user.__count) - 1,
		.locked_vm = p->mm.locked_vm,
		.pinned_vm = atomic64_read(&p->mm.pinned_vm),
		.user_locked_vm = atomic_long_read(&p->user.locked_vm),
		.files = files,
		.total_pins = total_pins,
	};
}

#pragma clang attribute pop
