// Reads a whole directory tree with a pool of threads: the getdents64 and
// fstatat calls (most of a walk's cost: ~2 us of kernel time per file on this
// VM, plus waiting when inodes are not cached) run on all cores and overlap
// their waits. Only system calls happen here: the result is the raw listing of
// every directory, which walker.cc visits in the same order the serial walk
// would, so the ContextTree does not depend on thread scheduling. The visit
// runs on the calling thread while the pool scans: wait() blocks until a
// directory's listing is complete. Work is taken depth first, first child
// first, which is the order the visit needs the directories in.
//
// Work items are "read this directory" and, for directories with many files,
// "settle children [begin, end)": a directory of 100,000 files is stat'ed by
// every thread. A directory's fd stays open until its last work item is done
// (reference count), so subdirectories are opened with openat (no path
// lookups, no depth limit) and the open fds stay around depth x threads.
#pragma once

#include <atomic>
#include <deque>
#include <memory>
#include <thread>
#include <vector>

#include "context/dir_read.h"

namespace ballast::context {

struct DirNode {
  RawListing listing;
  int open_errno = 0;  // openat of this directory failed: listing is empty
  // Scan-time only.
  DirNode* parent = nullptr;
  const char* name = nullptr;  // in the parent's listing
  std::size_t path_len = 0;    // of this directory, relative to the root
  int fd = -1;
  std::atomic<int> refs{0};             // work items still using fd
  std::atomic<std::uint32_t> unsettled{0};  // settle ranges not done yet
  std::atomic<bool> ready{false};       // listing complete, or open failed
};

class DirScan {
 public:
  // Starts scanning everything below the open directory `root_fd` (not
  // closed here) on `threads` (>= 1) new threads, and returns.
  DirScan(int root_fd, unsigned threads);
  // Waits for the threads.
  ~DirScan();
  DirScan(const DirScan&) = delete;
  DirScan& operator=(const DirScan&) = delete;

  DirNode& root() { return root_; }
  // Blocks until node.listing is complete (or node.open_errno set).
  static void wait(const DirNode& node);
  // Waits for the whole scan.
  void finish();
  // Once the whole tree is scanned (true), its entries and their path bytes,
  // so the tree can be allocated once.
  bool totals(std::size_t* entries, std::size_t* path_bytes) const;
  std::size_t entries() const { return entries_.load(std::memory_order_acquire); }

 private:
  struct Task {
    DirNode* node;
    std::uint32_t begin, end;  // end == 0: read the directory
  };
  struct Pool;
  struct Worker {  // one per thread
    DirReader reader;
    std::deque<DirNode> nodes;  // stable addresses
  };

  void run(Worker& worker, Task task);
  void settle_range(Worker& worker, DirNode& node, std::uint32_t begin, std::uint32_t end);
  static void release(DirNode& node);
  static void mark_ready(DirNode& node);

  DirNode root_;
  std::unique_ptr<Pool> pool_;
  std::vector<std::unique_ptr<Worker>> workers_;
  std::vector<std::thread> threads_;
  std::atomic<std::size_t> entries_{0}, path_bytes_{0};
};

}  // namespace ballast::context
