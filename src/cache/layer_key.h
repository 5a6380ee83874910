// What names a cached layer analysis. The layer's bytes are named by its
// diffID and stored digest (content addresses the image states); how it was
// read changes the result too (a file is seeked, a stream is hashed on the
// way, --no-verify skips the digest check, the capture rules choose which
// files' contents are kept), so all of that is part of the key. The key text
// is stored in the entry; its SHA-256 names the entry's file.
#pragma once

#include <cstdint>
#include <string>

namespace ballast::cache {

struct LayerKey {
  std::string digest;          // "sha256:..." of the stored blob
  std::string diff_id;         // "sha256:..." of the uncompressed tar
  std::uint64_t stored_size = 0;
  bool seekable = false;       // the blob is a file (read by seeking when uncompressed)
  std::string verify;          // the verify mode's name
  std::string capture;         // names the capture rules (empty: nothing captured)
};

// "ballast-layer/<format>/<version>|..." : one line, fields in a fixed order.
std::string key_text(const LayerKey& key);

// Entry file name: the SHA-256 hex of key_text.
std::string entry_name(const std::string& key_text);

}  // namespace ballast::cache
