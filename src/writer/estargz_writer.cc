#include "writer/estargz_writer.h"

#include <archive_entry.h>
#include <sys/stat.h>

#include <cstdio>
#include <memory>
#include <nlohmann/json.hpp>
#include <stdexcept>

#include "util/sha256.h"
#include "writer/compress.h"

namespace ballast::writer {
namespace {

using nlohmann::json;

// The blob being built: closed gzip members plus the open one.
class MemberWriter {
 public:
  void add(const std::string& bytes) {
    open_ += bytes;
    tar_ += bytes;
  }
  // Closes the open member (if it holds anything); returns where the next starts.
  std::uint64_t cut() {
    if (!open_.empty()) blob_ += compress(open_, Compression::kGzip);
    open_.clear();
    return blob_.size();
  }
  std::string& blob() { return blob_; }
  const std::string& tar() const { return tar_; }

 private:
  std::string blob_;
  std::string open_;
  std::string tar_;
};



}  // namespace

EstargzBlob write_estargz(const std::vector<WriteEntry>& input, const EstargzOptions& options) {
  std::vector<WriteEntry> entries;
  if (options.landmark) entries.push_back(file_entry(".no.prefetch.landmark", "\x0f"));
  entries.insert(entries.end(), input.begin(), input.end());
  TarWriter tar;
  MemberWriter w;
  json toc_entries = json::array();
  for (const auto& e : entries) {
    TarHeader h = tar_header_of(e);
    const std::string& name = h.name;
    const mode_t type = h.type;
    const std::uint32_t mode = h.mode;
    const std::uint64_t size = h.size;
    const bool regular = e.kind == WriteEntry::Kind::kFile || e.kind == WriteEntry::Kind::kRawName;
    const std::string* content = regular ? &e.content : nullptr;
    std::string toc_type = e.kind == WriteEntry::Kind::kDirectory ? "dir"
                           : e.kind == WriteEntry::Kind::kSymlink ? "symlink"
                           : e.kind == WriteEntry::Kind::kHardlink ? "hardlink"
                                                                   : "reg";
    w.add(tar.header(h));
    // The TOC's mode carries the file type bits too (docs/estargz.md example: 16877 = 040755).
    json j = {{"name", name}, {"type", toc_type}, {"mode", mode | type}, {"uid", e.uid}, {"gid", e.gid}};
    if (!e.link.empty()) j["linkName"] = e.link;
    if (size == 0) {
      if (content) j["size"] = 0;
      toc_entries.push_back(j);
      w.add(tar.data({}));
      continue;
    }
    j["size"] = size;
    j["digest"] = "sha256:" + sha256_hex(*content);
    std::string padded = tar.data(*content);
    for (std::uint64_t at = 0; at < size; at += options.chunk_size) {
      std::uint64_t n = std::min<std::uint64_t>(options.chunk_size, size - at);
      json c = at == 0 ? j : json{{"name", name}, {"type", "chunk"}};
      c["offset"] = w.cut();
      c["chunkOffset"] = at;
      c["chunkSize"] = at + n == size ? 0 : n;  // the last chunk says 0
      std::string chunk = content->substr(at, n);
      c["chunkDigest"] = "sha256:" + sha256_hex(chunk);
      toc_entries.push_back(c);
      w.add(chunk);
    }
    w.add(padded.substr(size));  // padding rides with the last chunk
  }
  std::string toc = json({{"version", 1}, {"entries", toc_entries}}).dump();
  std::uint64_t toc_offset = w.cut();
  TarHeader toc_header;
  toc_header.name = "stargz.index.json";
  toc_header.type = AE_IFREG;
  toc_header.size = toc.size();
  w.add(tar.header(toc_header));
  w.add(tar.data(toc));
  w.add(tar.close());
  w.cut();
  EstargzBlob out;
  out.bytes = std::move(w.blob()) + estargz_footer(toc_offset);
  out.toc_digest = "sha256:" + sha256_hex(toc);
  out.diff_id = "sha256:" + sha256_hex(w.tar());
  out.tar_size = w.tar().size();
  return out;
}

void write_estargz_oci_layout(const std::vector<EstargzWriteLayer>& layers, const std::string& dir,
                              const std::string& tag) {
  ::mkdir(dir.c_str(), 0755);
  ::mkdir((dir + "/blobs").c_str(), 0755);
  ::mkdir((dir + "/blobs/sha256").c_str(), 0755);
  auto put = [&](const std::string& bytes) {
    std::string hex = sha256_hex(bytes);
    write_file(dir + "/blobs/sha256/" + hex, bytes);
    return "sha256:" + hex;
  };
  json descriptors = json::array();
  json diff_ids = json::array();
  json history = json::array();
  for (const auto& l : layers) {
    EstargzBlob b;
    json annotations = json::object();
    if (l.estargz) {
      b = write_estargz(l.entries, l.options);
      if (l.annotate_toc)
        annotations["containerd.io/snapshot/stargz/toc.digest"] =
            l.toc_digest_override.empty() ? b.toc_digest : l.toc_digest_override;
      if (l.annotate_size) annotations["io.containers.estargz.uncompressed-size"] = std::to_string(b.tar_size);
    } else {
      WriteLayer plain{l.entries, l.created_by, Compression::kGzip, {}};
      std::string t = layer_tar(plain);
      b.bytes = compress(t, Compression::kGzip);
      b.diff_id = "sha256:" + sha256_hex(t);
    }
    if (l.tamper) l.tamper(b.bytes);
    json d = {{"mediaType", "application/vnd.oci.image.layer.v1.tar+gzip"},
              {"digest", put(b.bytes)},
              {"size", b.bytes.size()}};
    if (!annotations.empty()) d["annotations"] = annotations;
    descriptors.push_back(d);
    diff_ids.push_back(b.diff_id);
    history.push_back({{"created", "2024-01-01T00:00:00Z"}, {"created_by", l.created_by}});
  }
  std::string config = json({{"architecture", "amd64"},
                             {"os", "linux"},
                             {"config", {{"Cmd", json::array({"/bin/sh"})}}},
                             {"rootfs", {{"type", "layers"}, {"diff_ids", diff_ids}}},
                             {"history", history}})
                           .dump();
  std::string config_digest = put(config);
  std::string manifest = json({{"schemaVersion", 2},
                               {"mediaType", "application/vnd.oci.image.manifest.v1+json"},
                               {"config",
                                {{"mediaType", "application/vnd.oci.image.config.v1+json"},
                                 {"digest", config_digest},
                                 {"size", config.size()}}},
                               {"layers", descriptors}})
                             .dump();
  json d = {{"mediaType", "application/vnd.oci.image.manifest.v1+json"},
            {"digest", put(manifest)},
            {"size", manifest.size()}};
  if (!tag.empty()) d["annotations"] = {{"org.opencontainers.image.ref.name", tag}};
  write_file(dir + "/index.json", json({{"schemaVersion", 2},
                                        {"mediaType", "application/vnd.oci.image.index.v1+json"},
                                        {"manifests", json::array({d})}})
                                      .dump());
  write_file(dir + "/oci-layout", R"({"imageLayoutVersion":"1.0.0"})");
}

std::string estargz_footer(std::uint64_t toc_offset) {
  char hex[17];
  std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(toc_offset));
  std::string f = {'\x1f', '\x8b', '\x08', '\x04', 0, 0, 0, 0, 0, '\xff', 26, 0, 'S', 'G', 22, 0};
  f += hex;
  f += "STARGZ";
  f += std::string{'\x01', 0, 0, '\xff', '\xff'};  // final stored block of length 0
  f += std::string(8, '\0');                        // CRC32 and ISIZE of nothing
  return f;
}

}  // namespace ballast::writer
