// An in-memory pax tar (like BuildKit's and Docker's), written entry by entry
// with libarchive and no blocking, so a caller can take the bytes of each
// header and of each file's contents as they are produced: image_writer
// concatenates them into layers, estargz_writer places them in gzip members.
// Used to make fixtures, examples and benchmark images, never to read.
#pragma once

#include <sys/types.h>

#include <cstdint>
#include <string>

struct archive;

namespace ballast::writer {

struct TarHeader {
  std::string name;
  mode_t type = 0;          // AE_IFREG, AE_IFDIR, AE_IFLNK (<archive_entry.h>)
  std::uint32_t mode = 0644;
  std::uint64_t size = 0;   // contents that data() will write
  std::string link;         // symlink target or hardlink target
  bool hardlink = false;
  std::uint32_t uid = 0;
  std::uint32_t gid = 0;
};

class TarWriter {
 public:
  TarWriter();
  ~TarWriter();
  TarWriter(const TarWriter&) = delete;
  TarWriter& operator=(const TarWriter&) = delete;

  // The entry's header block(s) (pax extended headers included).
  std::string header(const TarHeader& h);
  // The contents, then the padding to the next 512-byte block.
  std::string data(const std::string& bytes);
  // The end-of-archive blocks.
  std::string close();

  // header() + data() for a whole entry.
  std::string entry(const TarHeader& h, const std::string& contents);

 private:
  std::string take();
  struct archive* a_;
  std::string out_;
};

}  // namespace ballast::writer
