// The two system-call steps of a context walk, shared by the serial walker and
// the parallel scanner (dir_scan.h): list one directory with getdents64, then
// lstat (fstatat AT_SYMLINK_NOFOLLOW) the children whose type the listing does
// not settle: regular files (for their size) and DT_UNKNOWN entries.
// Directories and symlinks are never stat'ed: d_type is enough.
#pragma once

#include <sys/types.h>

#include <cstdint>
#include <string>
#include <vector>

namespace ballast::context {

struct DirNode;

struct RawChild {
  std::uint64_t size = 0;         // regular files only
  DirNode* sub = nullptr;         // parallel scan: the listing of this directory
  std::uint32_t name_offset = 0;  // into RawListing::names (NUL-terminated)
  std::uint16_t name_len = 0;
  unsigned char type = 0;  // DT_* after stat; DT_UNKNOWN: the stat failed
  bool unreadable = false;  // a regular file the walking user cannot read
  int stat_errno = 0;
};

struct RawListing {
  std::string names;  // NUL-terminated names, back to back
  std::vector<RawChild> children;
  int read_errno = 0;  // getdents64 failed after `children` were read
  const char* name(const RawChild& c) const { return names.data() + c.name_offset; }
};

class DirReader {
 public:
  DirReader();
  // Appends every entry but "." and "..", in getdents64 order.
  void read(int dirfd, RawListing& out);
  // Settles c.type (and size, unreadable) when the listing did not: a no-op
  // for directories, symlinks and special files.
  void settle(int dirfd, const RawListing& listing, RawChild& c) const;

 private:
  uid_t euid_;
  gid_t egid_;
  std::vector<char> buf_;
};

}  // namespace ballast::context
