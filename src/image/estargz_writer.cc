#include "image/estargz_writer.h"

#include <archive.h>
#include <archive_entry.h>
#include <sys/stat.h>

#include <cstdio>
#include <fstream>
#include <memory>
#include <nlohmann/json.hpp>
#include <stdexcept>

#include "image/compress.h"

namespace ballast::image {
namespace {

using nlohmann::json;

// A pax tar written entry by entry with no blocking, so the bytes of each
// header and of each file's contents can be placed in gzip members.
class EntryTar {
 public:
  EntryTar() : a_(archive_write_new()) {
    archive_write_set_format_pax_restricted(a_);
    archive_write_set_bytes_per_block(a_, 0);
    archive_write_open(a_, &out_, nullptr, write_cb, nullptr);
  }
  ~EntryTar() { archive_write_free(a_); }

  // Appends one entry's header(s); returns them.
  std::string header(const std::string& name, mode_t type, std::uint32_t mode, std::uint64_t size,
                     const std::string& link, bool hardlink, std::uint32_t uid, std::uint32_t gid) {
    std::unique_ptr<archive_entry, decltype(&archive_entry_free)> e(archive_entry_new(),
                                                                    archive_entry_free);
    archive_entry_set_pathname(e.get(), name.c_str());
    archive_entry_set_filetype(e.get(), type);
    archive_entry_set_perm(e.get(), mode);
    archive_entry_set_uid(e.get(), uid);
    archive_entry_set_gid(e.get(), gid);
    archive_entry_set_mtime(e.get(), 1700000000, 0);
    if (hardlink) archive_entry_set_hardlink(e.get(), link.c_str());
    else if (type == AE_IFLNK) archive_entry_set_symlink(e.get(), link.c_str());
    archive_entry_set_size(e.get(), static_cast<la_int64_t>(size));
    if (archive_write_header(a_, e.get()) != ARCHIVE_OK)
      throw std::runtime_error(std::string("tar header: ") + archive_error_string(a_));
    return take();
  }
  // The contents, then the padding to the next 512-byte block.
  std::string data(const std::string& bytes) {
    if (!bytes.empty()) archive_write_data(a_, bytes.data(), bytes.size());
    archive_write_finish_entry(a_);
    return take();
  }
  std::string close() {
    archive_write_close(a_);
    return take();
  }

 private:
  std::string take() { return std::exchange(out_, {}); }
  static la_ssize_t write_cb(struct archive*, void* data, const void* buf, size_t n) {
    static_cast<std::string*>(data)->append(static_cast<const char*>(buf), n);
    return static_cast<la_ssize_t>(n);
  }
  struct archive* a_;
  std::string out_;
};

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

std::string footer(std::uint64_t toc_offset) {
  char hex[17];
  std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(toc_offset));
  std::string f = {'\x1f', '\x8b', '\x08', '\x04', 0, 0, 0, 0, 0, '\xff', 26, 0, 'S', 'G', 22, 0};
  f += hex;
  f += "STARGZ";
  f += std::string{'\x01', 0, 0, '\xff', '\xff'};  // final stored block of length 0
  f += std::string(8, '\0');                        // CRC32 and ISIZE of nothing
  return f;
}

std::string dir_name(const std::string& p) {
  auto s = p.rfind('/');
  return s == std::string::npos ? "" : p.substr(0, s + 1);
}
std::string base(const std::string& p) {
  auto s = p.rfind('/');
  return s == std::string::npos ? p : p.substr(s + 1);
}

void write_file(const std::string& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  if (!out) throw std::runtime_error("cannot write " + path);
}

}  // namespace

EstargzBlob write_estargz(const std::vector<WriteEntry>& input, const EstargzOptions& options) {
  std::vector<WriteEntry> entries;
  if (options.landmark) entries.push_back(file_entry(".no.prefetch.landmark", "\x0f"));
  entries.insert(entries.end(), input.begin(), input.end());
  EntryTar tar;
  MemberWriter w;
  json toc_entries = json::array();
  for (const auto& e : entries) {
    std::string name = e.path;
    mode_t type = AE_IFREG;
    std::string toc_type = "reg";
    const std::string* content = nullptr;
    switch (e.kind) {
      case WriteEntry::Kind::kFile:
      case WriteEntry::Kind::kRawName: content = &e.content; break;
      case WriteEntry::Kind::kDirectory: name += "/", type = AE_IFDIR, toc_type = "dir"; break;
      case WriteEntry::Kind::kSymlink: type = AE_IFLNK, toc_type = "symlink"; break;
      case WriteEntry::Kind::kHardlink: toc_type = "hardlink"; break;
      case WriteEntry::Kind::kWhiteout: name = dir_name(e.path) + ".wh." + base(e.path); break;
      case WriteEntry::Kind::kOpaque: name = (e.path.empty() ? "" : e.path + "/") + ".wh..wh..opq"; break;
    }
    const bool hardlink = e.kind == WriteEntry::Kind::kHardlink;
    std::uint64_t size = content ? content->size() : 0;
    std::uint32_t mode = (e.kind == WriteEntry::Kind::kWhiteout || e.kind == WriteEntry::Kind::kOpaque) ? 0 : e.mode;
    w.add(tar.header(name, type, mode, size, e.link, hardlink, e.uid, e.gid));
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
  w.add(tar.header("stargz.index.json", AE_IFREG, 0644, toc.size(), {}, false, 0, 0));
  w.add(tar.data(toc));
  w.add(tar.close());
  w.cut();
  EstargzBlob out;
  out.bytes = std::move(w.blob()) + footer(toc_offset);
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

}  // namespace ballast::image
