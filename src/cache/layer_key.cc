#include "cache/layer_key.h"

#include "cache/entry_codec.h"
#include "util/sha256.h"
#include "util/version.h"

namespace ballast::cache {

std::string key_text(const LayerKey& k) {
  // The version is part of the key: a release never trusts what an older
  // reader made, even when the entry format number did not change.
  return "ballast-layer/" + std::to_string(kEntryFormat) + "/" + kVersion + "|digest=" + k.digest +
         "|diff_id=" + k.diff_id + "|size=" + std::to_string(k.stored_size) +
         "|seekable=" + (k.seekable ? "1" : "0") + "|verify=" + k.verify + "|capture=" + k.capture;
}

std::string entry_name(const std::string& key_text) { return sha256_hex(key_text) + ".layer"; }

}  // namespace ballast::cache
