#include "slim/image_output.h"

#include <archive.h>
#include <archive_entry.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <memory>
#include <nlohmann/json.hpp>
#include <stdexcept>

#include "image/blob_reader.h"
#include "image/resolved_image.h"
#include "slim/blob_sink.h"
#include "util/error.h"
#include "util/human_bytes.h"
#include "util/sha256.h"

namespace ballast::slim {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

bool exists(const std::string& p) {
  struct stat st;
  return ::lstat(p.c_str(), &st) == 0;
}

std::string hex_of(const std::string& digest) {
  image::blob_path(digest, "output");  // throws for anything but sha256:<64 hex>
  return digest.substr(7);
}

struct Fd {
  int fd = -1;
  ~Fd() {
    if (fd >= 0) ::close(fd);
  }
};

// Streams a blob out of its source in 1 MiB reads, hashing as it goes.
template <typename Out>
void copy_blob(const OutputBlob& b, Out&& out) {
  std::vector<char> buf(1 << 20);
  Sha256 sha;
  std::uint64_t off = 0;
  for (;;) {
    std::size_t n = b.source->read_at(off, buf.data(), buf.size());
    if (n == 0) break;
    sha.update(buf.data(), n);
    out(buf.data(), n);
    off += n;
  }
  if (off != b.size || "sha256:" + sha.hex_digest() != b.digest)
    throw InputError(b.source->name() + ": blob does not match its digest " + b.digest);
}

json descriptor(const std::string& media_type, const std::string& digest, std::uint64_t size) {
  return {{"mediaType", media_type}, {"digest", digest}, {"size", size}};
}

struct Meta {
  std::string config_digest, manifest, manifest_digest, index;
};

Meta metadata(const OutputImage& img, const std::string& ref_name, bool docker_names) {
  Meta m;
  m.config_digest = "sha256:" + sha256_hex(img.config_json);
  json layers = json::array();
  for (const auto& l : img.layers) layers.push_back(descriptor(l.media_type, l.digest, l.size));
  json manifest = {{"schemaVersion", 2},
                   {"mediaType", "application/vnd.oci.image.manifest.v1+json"},
                   {"config", descriptor("application/vnd.oci.image.config.v1+json", m.config_digest,
                                         img.config_json.size())},
                   {"layers", layers}};
  m.manifest = manifest.dump();
  m.manifest_digest = "sha256:" + sha256_hex(m.manifest);
  json d = descriptor("application/vnd.oci.image.manifest.v1+json", m.manifest_digest, m.manifest.size());
  json annotations = json::object();
  if (!ref_name.empty()) annotations["org.opencontainers.image.ref.name"] = ref_name;
  if (docker_names && !img.repo_tag.empty()) annotations["io.containerd.image.name"] = img.repo_tag;
  if (!annotations.empty()) d["annotations"] = annotations;
  m.index = json({{"schemaVersion", 2},
                  {"mediaType", "application/vnd.oci.image.index.v1+json"},
                  {"manifests", json::array({d})}})
                .dump();
  return m;
}

constexpr const char* kOciLayout = R"({"imageLayoutVersion":"1.0.0"})";

void write_small(const std::string& path, const std::string& bytes) {
  Fd f{::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644)};
  if (f.fd < 0) throw std::runtime_error("cannot create " + path + ": " + std::strerror(errno));
  write_all(f.fd, bytes.data(), bytes.size(), path);
}

void write_oci_dir(const OutputImage& img, const std::string& ref_name, Staging& st) {
  const std::string blobs = st.root() + "/blobs/sha256/";
  for (const auto& l : img.layers) {
    const std::string dest = blobs + hex_of(l.digest);
    if (exists(dest)) continue;  // the same blob twice
    if (st.is_layer_file(l.source->name())) {
      if (::rename(l.source->name().c_str(), dest.c_str()) != 0)
        throw std::runtime_error("cannot rename into " + dest + ": " + std::strerror(errno));
      continue;
    }
    Fd f{::open(dest.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644)};
    if (f.fd < 0) throw std::runtime_error("cannot create " + dest + ": " + std::strerror(errno));
    copy_blob(l, [&](const char* p, std::size_t n) { write_all(f.fd, p, n, dest); });
  }
  Meta m = metadata(img, ref_name, false);
  write_small(blobs + hex_of(m.config_digest), img.config_json);
  write_small(blobs + hex_of(m.manifest_digest), m.manifest);
  write_small(st.root() + "/index.json", m.index);
  write_small(st.root() + "/oci-layout", kOciLayout);
}

// A tar of the layout (and, for docker load, manifest.json), written entry by
// entry; each blob's header states the size its descriptor does, and its
// bytes are checked against the digest as they are copied.
class ArchiveOut {
 public:
  // A new file at `path`.
  explicit ArchiveOut(const std::string& path) : path_(path), a_(archive_write_new()) {
    fd_.fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
    if (fd_.fd < 0) throw std::runtime_error("cannot create " + path + ": " + std::strerror(errno));
    open(fd_.fd);
  }
  // An open descriptor (a pipe), left open.
  ArchiveOut(int fd, const std::string& what) : path_(what), a_(archive_write_new()) { open(fd); }
  ~ArchiveOut() { archive_write_free(a_); }

  void header(const std::string& name, mode_t type, std::uint64_t size) {
    std::unique_ptr<archive_entry, decltype(&archive_entry_free)> e(archive_entry_new(), archive_entry_free);
    archive_entry_set_pathname(e.get(), name.c_str());
    archive_entry_set_filetype(e.get(), type);
    archive_entry_set_perm(e.get(), type == AE_IFDIR ? 0755 : 0644);
    archive_entry_set_size(e.get(), static_cast<la_int64_t>(size));
    if (archive_write_header(a_, e.get()) != ARCHIVE_OK) fail();
  }
  void data(const char* p, std::size_t n) {
    if (archive_write_data(a_, p, n) != static_cast<la_ssize_t>(n)) fail();
  }
  void small(const std::string& name, const std::string& bytes) {
    header(name, AE_IFREG, bytes.size());
    data(bytes.data(), bytes.size());
  }
  void close() {
    if (archive_write_close(a_) != ARCHIVE_OK) fail();
  }

 private:
  void open(int fd) {
    archive_write_set_format_pax_restricted(a_);
    archive_write_set_bytes_per_block(a_, 10240);
    if (archive_write_open_fd(a_, fd) != ARCHIVE_OK) fail();
  }
  [[noreturn]] void fail() {
    const char* msg = archive_error_string(a_);
    throw std::runtime_error("cannot write " + path_ + ": " + (msg ? msg : "?"));
  }
  std::string path_;
  Fd fd_;
  struct archive* a_;
};

void write_archive(const OutputImage& img, const std::string& ref_name, bool docker, ArchiveOut& out) {
  Meta m = metadata(img, ref_name, docker);
  out.header("blobs/", AE_IFDIR, 0);
  out.header("blobs/sha256/", AE_IFDIR, 0);
  std::vector<std::string> written;
  json layer_names = json::array();
  for (const auto& l : img.layers) {
    const std::string name = "blobs/sha256/" + hex_of(l.digest);
    layer_names.push_back(name);
    if (std::find(written.begin(), written.end(), name) != written.end()) continue;
    written.push_back(name);
    out.header(name, AE_IFREG, l.size);
    copy_blob(l, [&](const char* p, std::size_t n) { out.data(p, n); });
  }
  out.small("blobs/sha256/" + hex_of(m.config_digest), img.config_json);
  out.small("blobs/sha256/" + hex_of(m.manifest_digest), m.manifest);
  out.small("index.json", m.index);
  if (docker) {
    json tags = json::array();
    if (!img.repo_tag.empty()) tags.push_back(img.repo_tag);
    out.small("manifest.json",
              json::array({{{"Config", "blobs/sha256/" + hex_of(m.config_digest)},
                            {"RepoTags", tags},
                            {"Layers", layer_names}}})
                  .dump());
  }
  out.small("oci-layout", kOciLayout);
  out.close();
}

}  // namespace

Staging::Staging(const OutputTarget& target, bool force) : target_(target), force_(force) {
  fs::path p(target.path);
  dir_ = p.parent_path().empty() ? "." : p.parent_path().string();
  std::string base = p.filename().string();
  if (base.empty() || base == "." || base == "..") throw InputError("output '" + target.path + "' names no file");
  struct stat st;
  if (::stat(dir_.c_str(), &st) != 0 || !S_ISDIR(st.st_mode))
    throw InputError("output directory " + dir_ + " does not exist");
  if (exists(target.path)) {
    if (!force) throw InputError(target.path + " exists", "pass --force to replace it");
    const bool is_dir = ::stat(target.path.c_str(), &st) == 0 && S_ISDIR(st.st_mode);
    if (is_dir != (target.kind == OutputTarget::Kind::kOciDir))
      throw InputError(target.path + (is_dir ? " is a directory" : " is not a directory") +
                       ": not replaced, even with --force");
  }
  const std::string stem = dir_ + "/." + base + ".ballast-" + std::to_string(::getpid());
  root_ = stem + ".tmp";
  if (target.kind == OutputTarget::Kind::kOciDir) {
    fs::create_directories(root_ + "/blobs/sha256");
    layer_stem_ = root_ + "/blobs/sha256/.new-layer";
  } else {
    layer_stem_ = stem + ".layer";
  }
}

Staging::~Staging() {
  std::error_code ec;
  for (const auto& l : layers_) fs::remove(l, ec);
  if (!committed_) fs::remove_all(root_, ec);
}

std::string Staging::layer_file(std::size_t i) {
  std::string path = layer_stem_ + (i ? "-" + std::to_string(i) : "");
  if (std::find(layers_.begin(), layers_.end(), path) == layers_.end()) layers_.push_back(path);
  return path;
}

bool Staging::is_layer_file(const std::string& path) const {
  return std::find(layers_.begin(), layers_.end(), path) != layers_.end();
}

void Staging::commit() {
  const std::string& out = target_.path;
  if (target_.kind == OutputTarget::Kind::kOciDir && exists(out)) {
    // A directory cannot be renamed over a non-empty one: move the old aside first.
    const std::string old = root_ + ".old";
    if (::rename(out.c_str(), old.c_str()) != 0)
      throw std::runtime_error("cannot move " + out + " aside: " + std::strerror(errno));
    if (::rename(root_.c_str(), out.c_str()) != 0) {
      int err = errno;
      ::rename(old.c_str(), out.c_str());
      throw std::runtime_error("cannot rename to " + out + ": " + std::strerror(err));
    }
    std::error_code ec;
    fs::remove_all(old, ec);
  } else if (::rename(root_.c_str(), out.c_str()) != 0) {
    throw std::runtime_error("cannot rename to " + out + ": " + std::strerror(errno));
  }
  committed_ = true;
  (void)force_;
}

void check_free_space(const std::string& dir, std::uint64_t bytes) {
  struct statvfs v;
  if (::statvfs(dir.c_str(), &v) != 0) return;  // unknown: let the writes tell
  const std::uint64_t avail = static_cast<std::uint64_t>(v.f_bavail) * v.f_frsize;
  if (avail < bytes)
    throw InputError("not enough free space in " + dir + ": the slim image needs up to " + human_bytes(bytes) +
                     ", " + human_bytes(avail) + " available");
}

void write_output(const OutputTarget& target, const OutputImage& image, Staging& staging) {
  if (target.kind == OutputTarget::Kind::kOciDir) {
    write_oci_dir(image, !target.tag.empty() ? target.tag : image.ref_name, staging);
    std::error_code ec;
    fs::permissions(staging.root(), fs::perms(0755), ec);
  } else {
    const bool docker = target.kind == OutputTarget::Kind::kDockerArchive;
    ArchiveOut out(staging.root());
    write_archive(image, !target.tag.empty() && !docker ? target.tag : image.ref_name, docker, out);
  }
}

void write_docker_archive_to(int fd, const OutputImage& image, const std::string& what) {
  ArchiveOut out(fd, what);
  write_archive(image, image.ref_name, true, out);
}

std::string layer_media_type(const image::ByteSource& blob) { return layer_media_type(image::sniff_compression(blob)); }

std::string layer_media_type(image::Compression compression) {
  switch (compression) {
    case image::Compression::kNone: return "application/vnd.oci.image.layer.v1.tar";
    case image::Compression::kGzip: return "application/vnd.oci.image.layer.v1.tar+gzip";
    case image::Compression::kZstd: return "application/vnd.oci.image.layer.v1.tar+zstd";
  }
  return "";
}

}  // namespace ballast::slim
