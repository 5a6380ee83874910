#include "writer/image_writer.h"

#include <archive.h>
#include <archive_entry.h>
#include <sys/stat.h>

#include <fstream>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <stdexcept>

#include "writer/compress.h"
#include "util/sha256.h"

namespace ballast::writer {
namespace {

using nlohmann::json;

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


std::string tar_of(const std::map<std::string, std::string>& files) {
  TarWriter t;
  std::string out;
  for (const auto& [name, bytes] : files) {
    TarHeader h;
    h.name = name;
    h.type = AE_IFREG;
    h.size = bytes.size();
    out += t.entry(h, bytes);
  }
  return out + t.close();
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

void write_file(const std::string& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  if (!out) throw std::runtime_error("cannot write " + path);
}

TarHeader tar_header_of(const WriteEntry& e) {
  TarHeader h;
  h.name = e.path;
  h.type = AE_IFREG;
  h.mode = e.mode;
  h.uid = e.uid;
  h.gid = e.gid;
  switch (e.kind) {
    case WriteEntry::Kind::kFile:
    case WriteEntry::Kind::kRawName: h.size = e.content.size(); break;
    case WriteEntry::Kind::kDirectory:
      h.name += "/";
      h.type = AE_IFDIR;
      break;
    case WriteEntry::Kind::kSymlink:
      h.type = AE_IFLNK;
      h.link = e.link;
      break;
    case WriteEntry::Kind::kHardlink:
      h.link = e.link;
      h.hardlink = true;
      break;
    case WriteEntry::Kind::kWhiteout:
      h.name = dir_name(e.path) + ".wh." + base(e.path);
      h.mode = h.uid = h.gid = 0;
      break;
    case WriteEntry::Kind::kOpaque:
      h.name = (e.path.empty() ? "" : e.path + "/") + ".wh..wh..opq";
      h.mode = h.uid = h.gid = 0;
      break;
  }
  return h;
}

std::string layer_tar(const WriteLayer& layer) {
  TarWriter t;
  std::string out;
  for (const auto& e : layer.entries) {
    TarHeader h = tar_header_of(e);
    out += t.entry(h, h.size ? e.content : std::string());
  }
  return out + t.close();
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

}  // namespace ballast::writer
