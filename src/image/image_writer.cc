#include "image/image_writer.h"

#include <archive.h>
#include <archive_entry.h>
#include <openssl/evp.h>
#include <sys/stat.h>

#include <fstream>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <stdexcept>

#include "image/compress.h"
#include "util/hex.h"

namespace ballast::image {
namespace {

using nlohmann::json;

// Builds a tar in memory with libarchive (pax, like BuildKit and Docker).
class TarBuilder {
 public:
  TarBuilder() : a_(archive_write_new()) {
    archive_write_set_format_pax_restricted(a_);
    archive_write_set_bytes_in_last_block(a_, 1);
    archive_write_open(a_, &out_, nullptr, write_cb, nullptr);
  }
  ~TarBuilder() { archive_write_free(a_); }

  void add(const std::string& name, mode_t type, std::uint32_t mode, const std::string& data,
           const std::string& link = {}, bool hardlink = false, std::uint32_t uid = 0,
           std::uint32_t gid = 0) {
    std::unique_ptr<archive_entry, decltype(&archive_entry_free)> e(archive_entry_new(),
                                                                    archive_entry_free);
    archive_entry_set_pathname(e.get(), name.c_str());
    archive_entry_set_filetype(e.get(), type);
    archive_entry_set_perm(e.get(), mode);
    archive_entry_set_uid(e.get(), uid);
    archive_entry_set_gid(e.get(), gid);
    archive_entry_set_mtime(e.get(), 1700000000, 0);
    if (hardlink) {
      archive_entry_set_hardlink(e.get(), link.c_str());
      archive_entry_set_size(e.get(), 0);
    } else if (type == AE_IFLNK) {
      archive_entry_set_symlink(e.get(), link.c_str());
    }
    archive_entry_set_size(e.get(), type == AE_IFREG && !hardlink ? data.size() : 0);
    if (archive_write_header(a_, e.get()) != ARCHIVE_OK)
      throw std::runtime_error(std::string("tar header: ") + archive_error_string(a_));
    if (type == AE_IFREG && !hardlink && !data.empty())
      archive_write_data(a_, data.data(), data.size());
  }
  void add_file(const std::string& name, const std::string& data) { add(name, AE_IFREG, 0644, data); }

  std::string finish() {
    archive_write_close(a_);
    return std::move(out_);
  }

 private:
  static la_ssize_t write_cb(struct archive*, void* data, const void* buf, size_t n) {
    static_cast<std::string*>(data)->append(static_cast<const char*>(buf), n);
    return static_cast<la_ssize_t>(n);
  }
  struct archive* a_;
  std::string out_;
};

std::string dir_name(const std::string& p) {
  auto s = p.rfind('/');
  return s == std::string::npos ? "" : p.substr(0, s + 1);
}
std::string base(const std::string& p) {
  auto s = p.rfind('/');
  return s == std::string::npos ? p : p.substr(s + 1);
}

struct Blob {
  std::string digest;  // sha256:<hex>
  std::string bytes;
};

Blob blob_of(std::string bytes) {
  return Blob{"sha256:" + sha256_hex(bytes), std::move(bytes)};
}

std::vector<HistoryEntry> history_of(const WriteImage& img) {
  if (!img.history.empty()) return img.history;
  std::vector<HistoryEntry> h;
  for (const auto& l : img.layers) {
    HistoryEntry e;
    e.created = "2024-01-01T00:00:00Z";
    e.created_by = l.created_by;
    h.push_back(e);
  }
  return h;
}

// The parts every format shares: layer blobs (as stored), the config blob.
struct BuiltImage {
  std::vector<Blob> layers;
  std::vector<std::string> diff_ids;
  std::vector<std::string> media_types;
  Blob config;
};

const char* oci_media_type(Compression c) {
  switch (c) {
    case Compression::kNone: return "application/vnd.oci.image.layer.v1.tar";
    case Compression::kGzip: return "application/vnd.oci.image.layer.v1.tar+gzip";
    case Compression::kZstd: return "application/vnd.oci.image.layer.v1.tar+zstd";
  }
  return "";
}

BuiltImage build(const WriteImage& img) {
  BuiltImage b;
  json history = json::array();
  for (const auto& h : history_of(img)) {
    json e = {{"created", h.created}, {"created_by", h.created_by}};
    if (!h.comment.empty()) e["comment"] = h.comment;
    if (h.empty_layer) e["empty_layer"] = true;
    history.push_back(e);
  }
  for (const auto& l : img.layers) {
    std::string tar = l.raw_tar.empty() ? layer_tar(l) : l.raw_tar;
    b.diff_ids.push_back("sha256:" + sha256_hex(tar));
    b.layers.push_back(blob_of(compress(tar, l.compression)));
    b.media_types.push_back(oci_media_type(l.compression));
  }
  json config = {{"architecture", img.architecture},
                 {"os", img.os},
                 {"config", {{"Cmd", json::array({"/bin/sh"})}}},
                 {"rootfs", {{"type", "layers"}, {"diff_ids", b.diff_ids}}},
                 {"history", history}};
  if (!img.variant.empty()) config["variant"] = img.variant;
  b.config = blob_of(config.dump());
  return b;
}

std::string hex_of(const std::string& digest) { return digest.substr(7); }

json manifest_of(const BuiltImage& b) {
  json layers = json::array();
  for (std::size_t i = 0; i < b.layers.size(); ++i)
    layers.push_back({{"mediaType", b.media_types[i]},
                      {"digest", b.layers[i].digest},
                      {"size", b.layers[i].bytes.size()}});
  return {{"schemaVersion", 2},
          {"mediaType", "application/vnd.oci.image.manifest.v1+json"},
          {"config",
           {{"mediaType", "application/vnd.oci.image.config.v1+json"},
            {"digest", b.config.digest},
            {"size", b.config.bytes.size()}}},
          {"layers", layers}};
}

// Files of an OCI layout: path -> bytes.
std::map<std::string, std::string> oci_files(const std::vector<WriteImage>& images, bool multi) {
  std::map<std::string, std::string> files;
  auto put_blob = [&](const Blob& blob) { files["blobs/sha256/" + hex_of(blob.digest)] = blob.bytes; };
  json descriptors = json::array();
  for (const auto& img : images) {
    BuiltImage b = build(img);
    for (const auto& l : b.layers) put_blob(l);
    put_blob(b.config);
    Blob manifest = blob_of(manifest_of(b).dump());
    put_blob(manifest);
    json d = {{"mediaType", "application/vnd.oci.image.manifest.v1+json"},
              {"digest", manifest.digest},
              {"size", manifest.bytes.size()}};
    if (multi) {
      d["platform"] = {{"os", img.os}, {"architecture", img.architecture}};
      if (!img.variant.empty()) d["platform"]["variant"] = img.variant;
    } else if (!img.repo_tags.empty()) {
      d["annotations"] = {{"org.opencontainers.image.ref.name", img.repo_tags[0]}};
    }
    descriptors.push_back(d);
  }
  if (multi) {
    Blob index = blob_of(json({{"schemaVersion", 2},
                               {"mediaType", "application/vnd.oci.image.index.v1+json"},
                               {"manifests", descriptors}})
                             .dump());
    put_blob(index);
    json d = {{"mediaType", "application/vnd.oci.image.index.v1+json"},
              {"digest", index.digest},
              {"size", index.bytes.size()}};
    if (!images.empty() && !images[0].repo_tags.empty())
      d["annotations"] = {{"org.opencontainers.image.ref.name", images[0].repo_tags[0]}};
    descriptors = json::array({d});
  }
  files["index.json"] = json({{"schemaVersion", 2},
                              {"mediaType", "application/vnd.oci.image.index.v1+json"},
                              {"manifests", descriptors}})
                            .dump();
  files["oci-layout"] = R"({"imageLayoutVersion":"1.0.0"})";
  return files;
}

void write_file(const std::string& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  if (!out) throw std::runtime_error("cannot write " + path);
}

std::string tar_of(const std::map<std::string, std::string>& files) {
  TarBuilder t;
  for (const auto& [name, bytes] : files) t.add_file(name, bytes);
  return t.finish();
}

}  // namespace

WriteEntry file_entry(std::string path, std::string content, std::uint32_t mode) {
  WriteEntry e;
  e.path = std::move(path);
  e.content = std::move(content);
  e.mode = mode;
  return e;
}
WriteEntry dir_entry(std::string path, std::uint32_t mode) {
  WriteEntry e;
  e.kind = WriteEntry::Kind::kDirectory;
  e.path = std::move(path);
  e.mode = mode;
  return e;
}
WriteEntry symlink_entry(std::string path, std::string target) {
  WriteEntry e;
  e.kind = WriteEntry::Kind::kSymlink;
  e.path = std::move(path);
  e.link = std::move(target);
  e.mode = 0777;
  return e;
}
WriteEntry hardlink_entry(std::string path, std::string target) {
  WriteEntry e;
  e.kind = WriteEntry::Kind::kHardlink;
  e.path = std::move(path);
  e.link = std::move(target);
  return e;
}
WriteEntry whiteout_entry(std::string path) {
  WriteEntry e;
  e.kind = WriteEntry::Kind::kWhiteout;
  e.path = std::move(path);
  return e;
}
WriteEntry opaque_entry(std::string dir) {
  WriteEntry e;
  e.kind = WriteEntry::Kind::kOpaque;
  e.path = std::move(dir);
  return e;
}

std::string layer_tar(const WriteLayer& layer) {
  TarBuilder t;
  for (const auto& e : layer.entries) {
    switch (e.kind) {
      case WriteEntry::Kind::kFile:
      case WriteEntry::Kind::kRawName:
        t.add(e.path, AE_IFREG, e.mode, e.content, {}, false, e.uid, e.gid);
        break;
      case WriteEntry::Kind::kDirectory:
        t.add(e.path + "/", AE_IFDIR, e.mode, {}, {}, false, e.uid, e.gid);
        break;
      case WriteEntry::Kind::kSymlink: t.add(e.path, AE_IFLNK, e.mode, {}, e.link); break;
      case WriteEntry::Kind::kHardlink: t.add(e.path, AE_IFREG, e.mode, {}, e.link, true); break;
      case WriteEntry::Kind::kWhiteout:
        t.add(dir_name(e.path) + ".wh." + base(e.path), AE_IFREG, 0, {});
        break;
      case WriteEntry::Kind::kOpaque:
        t.add((e.path.empty() ? "" : e.path + "/") + ".wh..wh..opq", AE_IFREG, 0, {});
        break;
    }
  }
  return t.finish();
}

void write_docker_archive(const std::vector<WriteImage>& images, const std::string& path,
                          DockerLayout layout) {
  std::map<std::string, std::string> files;
  json manifest = json::array();
  for (const auto& img : images) {
    BuiltImage b = build(img);
    json layers = json::array();
    for (std::size_t i = 0; i < b.layers.size(); ++i) {
      if (img.layers[i].compression != Compression::kNone)
        throw std::runtime_error("docker-archive layers are uncompressed");
      std::string name = layout == DockerLayout::kLegacy
                             ? hex_of(b.diff_ids[i]) + "/layer.tar"
                             : "blobs/sha256/" + hex_of(b.layers[i].digest);
      files[name] = b.layers[i].bytes;
      layers.push_back(name);
    }
    std::string config_name = layout == DockerLayout::kLegacy
                                  ? hex_of(b.config.digest) + ".json"
                                  : "blobs/sha256/" + hex_of(b.config.digest);
    files[config_name] = b.config.bytes;
    manifest.push_back({{"Config", config_name}, {"RepoTags", img.repo_tags}, {"Layers", layers}});
  }
  if (layout == DockerLayout::kDocker25) {
    for (auto& [name, bytes] : oci_files(images, false)) files.emplace(name, bytes);
  }
  files["manifest.json"] = manifest.dump();
  write_file(path, tar_of(files));
}

void write_oci_layout(const std::vector<WriteImage>& images, const std::string& dir,
                      bool multi_platform_index) {
  ::mkdir(dir.c_str(), 0755);
  ::mkdir((dir + "/blobs").c_str(), 0755);
  ::mkdir((dir + "/blobs/sha256").c_str(), 0755);
  for (const auto& [name, bytes] : oci_files(images, multi_platform_index))
    write_file(dir + "/" + name, bytes);
}

void write_oci_archive(const std::vector<WriteImage>& images, const std::string& path,
                       bool multi_platform_index) {
  write_file(path, tar_of(oci_files(images, multi_platform_index)));
}

std::string sha256_hex(const std::string& bytes) {
  unsigned char md[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  EVP_Digest(bytes.data(), bytes.size(), md, &len, EVP_sha256(), nullptr);
  return hex_encode(md, len);
}

}  // namespace ballast::image
