#include "context/dir_scan.h"

#include <dirent.h>
#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <condition_variable>
#include <mutex>
#include <system_error>

namespace ballast::context {

namespace {

// Children stat'ed per work item: big enough that the queue lock is noise,
// small enough that a single huge directory spreads over all threads.
constexpr std::uint32_t kSettleChunk = 512;

}  // namespace

// A LIFO stack of work shared by all threads (depth first keeps few
// directories open); `outstanding` counts queued and running items.
struct DirScan::Pool {
  std::mutex mutex;
  std::condition_variable wake;
  std::vector<Task> stack;
  std::size_t outstanding = 0;
  std::atomic<bool> complete{false};

  void push(const std::vector<Task>& tasks) {
    if (tasks.empty()) return;
    {
      std::lock_guard lock(mutex);
      stack.insert(stack.end(), tasks.rbegin(), tasks.rend());
      outstanding += tasks.size();
    }
    if (tasks.size() == 1) wake.notify_one();
    else wake.notify_all();
  }
  bool pop(Task& t) {
    std::unique_lock lock(mutex);
    wake.wait(lock, [&] { return !stack.empty() || outstanding == 0; });
    if (stack.empty()) return false;
    t = stack.back();
    stack.pop_back();
    return true;
  }
  void done() {
    std::lock_guard lock(mutex);
    if (--outstanding == 0) {
      complete.store(true, std::memory_order_release);
      wake.notify_all();
    }
  }
};

void DirScan::release(DirNode& node) {
  if (node.refs.fetch_sub(1, std::memory_order_acq_rel) == 1) {
    close(node.fd);
    node.fd = -1;
  }
}

void DirScan::mark_ready(DirNode& node) {
  node.ready.store(true, std::memory_order_release);
  node.ready.notify_all();
}

void DirScan::wait(const DirNode& node) {
  while (!node.ready.load(std::memory_order_acquire)) node.ready.wait(false, std::memory_order_acquire);
}

void DirScan::settle_range(Worker& worker, DirNode& node, std::uint32_t begin, std::uint32_t end) {
  std::vector<Task> subdirs;
  const std::size_t base = node.path_len == 0 ? 0 : node.path_len + 1;
  std::size_t path_bytes = 0;
  for (std::uint32_t i = begin; i < end; ++i) {
    RawChild& c = node.listing.children[i];
    path_bytes += base + c.name_len;
    worker.reader.settle(node.fd, node.listing, c);
    if (c.type != DT_DIR) continue;
    DirNode& sub = worker.nodes.emplace_back();
    sub.parent = &node;
    sub.name = node.listing.name(c);
    sub.path_len = base + c.name_len;
    c.sub = &sub;
    subdirs.push_back({&sub, 0, 0});
  }
  entries_.fetch_add(end - begin, std::memory_order_relaxed);
  path_bytes_.fetch_add(path_bytes, std::memory_order_relaxed);
  node.refs.fetch_add(static_cast<int>(subdirs.size()), std::memory_order_relaxed);
  pool_->push(subdirs);
  if (node.unsettled.fetch_sub(1, std::memory_order_acq_rel) == 1) mark_ready(node);
}

void DirScan::run(Worker& worker, Task task) {
  DirNode& node = *task.node;
  if (task.end != 0) {
    settle_range(worker, node, task.begin, task.end);
    release(node);
    return;
  }
  if (node.parent != nullptr) {
    int fd = openat(node.parent->fd, node.name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    int err = errno;
    release(*node.parent);
    if (fd < 0) {
      node.open_errno = err;
      mark_ready(node);
      return;
    }
    node.fd = fd;
  }
  node.refs.store(1, std::memory_order_relaxed);
  worker.reader.read(node.fd, node.listing);
  const auto count = static_cast<std::uint32_t>(node.listing.children.size());
  const std::uint32_t first = std::min(count, kSettleChunk);
  std::vector<Task> ranges;
  for (std::uint32_t b = first; b < count; b += kSettleChunk) ranges.push_back({&node, b, std::min(count, b + kSettleChunk)});
  node.unsettled.store(static_cast<std::uint32_t>(ranges.size() + 1), std::memory_order_relaxed);
  node.refs.fetch_add(static_cast<int>(ranges.size()), std::memory_order_relaxed);
  pool_->push(ranges);
  settle_range(worker, node, 0, first);
  release(node);
}

DirScan::DirScan(int root_fd, unsigned threads) : pool_(std::make_unique<Pool>()) {
  threads = std::max(1u, threads);
  root_.fd = dup(root_fd);
  if (root_.fd < 0) {
    root_.open_errno = errno;
    mark_ready(root_);
    return;
  }
  pool_->stack.push_back({&root_, 0, 0});
  pool_->outstanding = 1;
  for (unsigned i = 0; i < threads; ++i) workers_.push_back(std::make_unique<Worker>());
  auto work = [this](Worker* worker) {
    Task t;
    while (pool_->pop(t)) {
      run(*worker, t);
      pool_->done();
    }
  };
  for (unsigned i = 0; i < threads; ++i) {
    try {
      threads_.emplace_back(work, workers_[i].get());
    } catch (const std::system_error&) {
      if (i == 0) work(workers_[0].get());  // no thread at all: scan here
      break;  // fewer threads do the same work
    }
  }
}

void DirScan::finish() {
  for (auto& t : threads_) t.join();
  threads_.clear();
}

bool DirScan::totals(std::size_t* entries, std::size_t* path_bytes) const {
  if (!pool_->complete.load(std::memory_order_acquire)) return false;
  *entries = entries_.load(std::memory_order_relaxed);
  *path_bytes = path_bytes_.load(std::memory_order_relaxed);
  return true;
}

DirScan::~DirScan() { finish(); }

}  // namespace ballast::context
