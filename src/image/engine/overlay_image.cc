#include "image/engine/overlay_image.h"

#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <exception>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <thread>

#include "image/blob_reader.h"
#include "image/blob_store.h"
#include "image/byte_source.h"
#include "image/directory_layer.h"
#include "image/image_config.h"
#include "util/parallel_for.h"
#include "util/error.h"
#include "util/sha256.h"

namespace ballast::image::engine {
namespace {

// A layer that was read from its directory: only its size remains, the
// tar's size (what `docker save` would have written), for the layer table.
class SizeOnlySource final : public ByteSource {
 public:
  SizeOnlySource(std::uint64_t size, std::string name) : size_(size), name_(std::move(name)) {}
  std::uint64_t size() const override { return size_; }
  const std::string& name() const override { return name_; }
  bool seekable() const override { return false; }
  std::size_t read_at(std::uint64_t offset, void*, std::size_t n) const override {
    if (offset >= size_ || n == 0) return 0;
    throw std::logic_error(name_ + ": a layer read from its directory has no bytes to read again");
  }

 private:
  std::uint64_t size_;
  std::string name_;
};

bool is_hex(const std::string& s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
  });
}

// The engine names layer directories by random hex (its own) or base36
// (BuildKit's): either way one plain path component.
bool is_directory_name(const std::string& s) {
  return !s.empty() && s.size() <= 128 && std::all_of(s.begin(), s.end(), [](char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '-' || c == '_';
  });
}

std::string hex_of(const std::string& digest) {
  return digest.starts_with("sha256:") ? digest.substr(7) : std::string();
}

// A small file of the store, or nullopt when it is not there or not readable.
std::optional<std::string> read_small(const std::string& path, std::size_t max) {
  if (::access(path.c_str(), R_OK) != 0) return std::nullopt;
  try {
    return read_all(*open_file(path), max);
  } catch (const InputError&) {
    return std::nullopt;
  }
}

std::string trimmed(std::string s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == ' ')) s.pop_back();
  return s;
}

// Bytes a standard base64 string with padding decodes to.
std::uint64_t base64_decoded_size(const std::string& s) {
  std::uint64_t n = s.size() / 4 * 3;
  if (!s.empty() && s.back() == '=') --n;
  if (s.size() > 1 && s[s.size() - 2] == '=') --n;
  return n;
}

struct LayerDir {
  std::string diff_dir;
  std::uint64_t tar_size = 0;
};

}  // namespace

std::uint64_t tar_split_size(const std::string& gzipped, const std::string& name) {
  BlobReader reader(memory_source(gzipped, name), Compression::kGzip, false);
  std::uint64_t total = 0;
  std::string line;
  auto take = [&]() {
    if (line.empty()) return;
    nlohmann::json j = nlohmann::json::parse(line, nullptr, false);
    if (j.is_discarded() || !j.is_object()) throw InputError(name + ": malformed tar-split record");
    auto type = j.find("type");
    if (type == j.end() || !type->is_number_integer()) throw InputError(name + ": tar-split record without a type");
    // tar-split's storage.Type: FileType = 1, SegmentType = 2 (tar/storage/entry.go).
    if (*type == 2) {  // a segment: raw header / padding bytes, base64
      auto payload = j.find("payload");
      if (payload != j.end() && payload->is_string()) total += base64_decoded_size(payload->get<std::string>());
    } else if (*type == 1) {  // a file entry: its contents' size
      auto size = j.find("size");
      if (size != j.end()) {
        if (!size->is_number_unsigned()) throw InputError(name + ": tar-split file record with a bad size");
        total += size->get<std::uint64_t>();
      }
    } else {
      throw InputError(name + ": tar-split record of unknown type " + type->dump());
    }
    line.clear();
  };
  for (auto chunk = reader.next(); !chunk.empty(); chunk = reader.next()) {
    for (unsigned char c : chunk) {
      if (c == '\n') take();
      else line += static_cast<char>(c);
    }
  }
  take();
  reader.finish();
  return total;
}

std::optional<StreamedImage> read_overlay_image(const OverlayImage& where, const std::string& shown,
                                                const StreamReadOptions& options, std::string* why) {
  const std::string image_dir = where.data_root + "/image/overlay2";
  const std::string id_hex = hex_of(where.image_id);
  if (!is_hex(id_hex)) {
    *why = "image ID " + where.image_id + " is not a sha256 digest";
    return std::nullopt;
  }
  std::optional<std::string> config_bytes =
      read_small(image_dir + "/imagedb/content/sha256/" + id_hex, kMaxJsonBytes);
  if (!config_bytes) {
    *why = image_dir + " is not readable here (the engine's data root needs root on its host)";
    return std::nullopt;
  }
  if (sha256_hex(*config_bytes) != id_hex)
    throw InputError(shown + ": the engine's stored config does not match its image ID " + where.image_id);
  ImageConfig config = parse_image_config(*config_bytes, shown + " (config)");
  if (config.diff_ids != where.diff_ids) {
    *why = "the stored config's layers differ from the engine's answer";
    return std::nullopt;
  }

  std::vector<LayerDir> dirs;
  std::string chain;
  for (const std::string& diff_id : config.diff_ids) {
    chain = chain.empty() ? diff_id : "sha256:" + sha256_hex(chain + " " + diff_id);
    const std::string layer_db = image_dir + "/layerdb/sha256/" + hex_of(chain);
    auto recorded = read_small(layer_db + "/diff", 1024);
    auto cache_id = read_small(layer_db + "/cache-id", 1024);
    auto split = read_small(layer_db + "/tar-split.json.gz", kMaxJsonBytes);
    if (!recorded || !cache_id || !split || trimmed(*recorded) != diff_id || !is_directory_name(trimmed(*cache_id))) {
      *why = layer_db + " is not a layer record this reader knows";
      return std::nullopt;
    }
    LayerDir dir;
    dir.diff_dir = where.data_root + "/overlay2/" + trimmed(*cache_id) + "/diff";
    struct stat st;
    if (::stat(dir.diff_dir.c_str(), &st) != 0 || !S_ISDIR(st.st_mode)) {
      *why = dir.diff_dir + " is not there";
      return std::nullopt;
    }
    dir.tar_size = tar_split_size(*split, layer_db + "/tar-split.json.gz");
    dirs.push_back(std::move(dir));
  }

  // Layers in parallel, each one walk; results land in their own slot.
  const std::size_t n = dirs.size();
  std::vector<LayerReadResult> results(n);
  std::atomic<std::size_t> done{0};
  parallel_for(n, options.threads, [&](std::size_t i) {
    struct Finished {  // counted whether the layer was read or failed
      const StreamReadOptions& options;
      std::atomic<std::size_t>& done;
      std::size_t n;
      ~Finished() {
        std::size_t finished = ++done;
        if (options.on_layer_done) options.on_layer_done(finished, n);
      }
    } finished{options, done, n};
    results[i] = read_layer_directory(dirs[i].diff_dir, shown + " layer " + std::to_string(i), options.layer);
    results[i].tar_size = dirs[i].tar_size;
  });

  StreamedImage out;
  out.image.description = shown;
  out.image.config = std::move(config);
  for (std::size_t i = 0; i < n; ++i) {
    LayerBlob blob;
    blob.diff_id = out.image.config.diff_ids[i];
    blob.digest = blob.diff_id;  // as `docker save` states it: the uncompressed tar's digest
    blob.source = std::make_shared<SizeOnlySource>(dirs[i].tar_size, dirs[i].diff_dir);
    out.image.layers.push_back(std::move(blob));
  }
  out.layers = std::move(results);
  return out;
}

}  // namespace ballast::image::engine
