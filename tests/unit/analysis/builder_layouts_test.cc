// The same two-layer image laid out the way different builders write their
// layer tars must read as the same image. The tars are built by hand with
// libarchive, entry by entry, following each builder's habits:
//   kaniko      first entry "/" (the root directory), then relative names; gzip; OCI.
//   buildah     relative names, directories "etc/", pax headers; oci-archive.
//   buildkit    relative names, pax with sub-second times (docker buildx
//               --output type=oci); with rewrite-timestamp every mtime is
//               SOURCE_DATE_EPOCH and pax time records are gone (ustar).
//   docker20    `docker save` of 20.10: "<id>/layer.tar", uncompressed, ustar.
//   docker25    `docker save` of >= 25: OCI blobs inside the archive.
//   dotslash    `tar -C rootfs .`: "./", "./etc/", "./etc/os-release".
//   jib         no directory entries at all, mtime 1 s after the epoch.
//   ko          absolute names "/usr/bin/app", hardlink targets absolute too.
// Expected values are the image's content, counted by hand below.
#include <archive.h>
#include <archive_entry.h>
#include <gtest/gtest.h>

#include <memory>
#include <sstream>

#include "analysis/image_analysis.h"
#include "writer/image_writer.h"
#include "../image/temp_dir.h"

namespace ballast::analysis {
namespace {

using namespace image;
using namespace ballast::writer;
using testing::TempDir;

// One tar member as a builder writes it.
struct Member {
  std::string name;
  mode_t type = AE_IFREG;
  std::string content;
  std::string link;
  bool hardlink = false;
};

struct TarStyle {
  int format = ARCHIVE_FORMAT_TAR_PAX_RESTRICTED;
  std::int64_t mtime = 1700000000;
  long mtime_nsec = 0;
};

la_ssize_t append(struct archive*, void* out, const void* buf, size_t n) {
  static_cast<std::string*>(out)->append(static_cast<const char*>(buf), n);
  return static_cast<la_ssize_t>(n);
}

std::string build_tar(const std::vector<Member>& members, TarStyle style) {
  std::string out;
  struct archive* a = archive_write_new();
  archive_write_set_format(a, style.format);
  archive_write_set_bytes_per_block(a, 10240);  // Go's archive/tar and GNU tar block like this
  archive_write_open(a, &out, nullptr, append, nullptr);
  for (const auto& m : members) {
    std::unique_ptr<archive_entry, decltype(&archive_entry_free)> e(archive_entry_new(), archive_entry_free);
    archive_entry_set_pathname(e.get(), m.name.c_str());
    archive_entry_set_filetype(e.get(), m.type);
    archive_entry_set_perm(e.get(), m.type == AE_IFDIR ? 0755 : 0644);
    archive_entry_set_mtime(e.get(), style.mtime, style.mtime_nsec);
    if (m.hardlink) archive_entry_set_hardlink(e.get(), m.link.c_str());
    else if (m.type == AE_IFLNK) archive_entry_set_symlink(e.get(), m.link.c_str());
    archive_entry_set_size(e.get(), m.hardlink ? 0 : static_cast<la_int64_t>(m.content.size()));
    EXPECT_EQ(archive_write_header(a, e.get()), ARCHIVE_OK) << m.name << ": " << archive_error_string(a);
    if (!m.content.empty() && !m.hardlink) archive_write_data(a, m.content.data(), m.content.size());
  }
  archive_write_close(a);
  archive_write_free(a);
  return out;
}

// How a builder spells names: `prefix` before every path, whether it writes
// the root and other directories, and how it names a hardlink's target.
struct Naming {
  std::string prefix;          // "", "./" or "/"
  std::string root;            // the root entry's name, "" when none is written
  bool directories = true;
};

// Layer 0: etc/os-release (20 B), usr/bin/app (3000 B), usr/bin/app2 -> app,
// usr/bin/app-hard hardlinked to usr/bin/app. Layer 1: deletes
// etc/os-release, adds srv/data (500 B).
std::vector<Member> layer0(const Naming& n) {
  std::vector<Member> m;
  if (!n.root.empty()) m.push_back({n.root, AE_IFDIR});
  if (n.directories) {
    m.push_back({n.prefix + "etc/", AE_IFDIR});
    m.push_back({n.prefix + "usr/", AE_IFDIR});
    m.push_back({n.prefix + "usr/bin/", AE_IFDIR});
  }
  m.push_back({n.prefix + "etc/os-release", AE_IFREG, std::string(20, 'o')});
  m.push_back({n.prefix + "usr/bin/app", AE_IFREG, std::string(3000, 'a')});
  m.push_back({n.prefix + "usr/bin/app2", AE_IFLNK, "", "app"});
  m.push_back({n.prefix + "usr/bin/app-hard", AE_IFREG, "", n.prefix + "usr/bin/app", true});
  return m;
}

std::vector<Member> layer1(const Naming& n) {
  std::vector<Member> m;
  if (!n.root.empty()) m.push_back({n.root, AE_IFDIR});
  if (n.directories) m.push_back({n.prefix + "etc/", AE_IFDIR});
  m.push_back({n.prefix + "etc/.wh.os-release", AE_IFREG});
  if (n.directories) m.push_back({n.prefix + "srv/", AE_IFDIR});
  m.push_back({n.prefix + "srv/data", AE_IFREG, std::string(500, 'd')});
  return m;
}

enum class Container { kOciLayout, kOciArchive, kDockerLegacy, kDocker25 };

struct Builder {
  const char* name;
  Naming naming;
  TarStyle style;
  Compression compression;
  Container container;
};

const Builder kBuilders[] = {
    {"kaniko", {"", "/", true}, {}, Compression::kGzip, Container::kOciLayout},
    {"buildah", {"", "", true}, {}, Compression::kGzip, Container::kOciArchive},
    {"buildkit", {"", "", true}, {ARCHIVE_FORMAT_TAR_PAX_RESTRICTED, 1700000000, 123456789},
     Compression::kGzip, Container::kOciArchive},
    {"buildkit-rewrite-timestamp", {"", "", true}, {ARCHIVE_FORMAT_TAR_USTAR, 0, 0}, Compression::kGzip,
     Container::kOciArchive},
    {"docker20", {"", "", true}, {ARCHIVE_FORMAT_TAR_USTAR}, Compression::kNone, Container::kDockerLegacy},
    {"docker25", {"", "", true}, {}, Compression::kNone, Container::kDocker25},
    {"dotslash", {"./", "./", true}, {ARCHIVE_FORMAT_TAR_GNUTAR}, Compression::kGzip, Container::kOciLayout},
    {"jib", {"", "", false}, {ARCHIVE_FORMAT_TAR_PAX_RESTRICTED, 1, 0}, Compression::kGzip,
     Container::kOciLayout},
    {"ko", {"/", "", true}, {ARCHIVE_FORMAT_TAR_PAX_RESTRICTED, 0, 0}, Compression::kGzip,
     Container::kOciLayout},
};

std::string write_image(const Builder& b, const TempDir& tmp) {
  WriteImage img;
  img.repo_tags = {"layouts:1"};
  img.layers.push_back({{}, "COPY rootfs /", b.compression, build_tar(layer0(b.naming), b.style)});
  img.layers.push_back({{}, "RUN rm /etc/os-release && ...", b.compression, build_tar(layer1(b.naming), b.style)});
  switch (b.container) {
    case Container::kOciLayout: write_oci_layout({img}, tmp / "oci"); return "oci:" + tmp / "oci";
    case Container::kOciArchive: write_oci_archive({img}, tmp / "img.oci.tar"); return "oci-archive:" + tmp / "img.oci.tar";
    case Container::kDockerLegacy: write_docker_archive({img}, tmp / "img.tar"); return tmp / "img.tar";
    case Container::kDocker25:
      write_docker_archive({img}, tmp / "img.tar", DockerLayout::kDocker25);
      return tmp / "img.tar";
  }
  return "";
}

// What an image is, directories left out (Jib writes none, and they hold no bytes).
std::string summary(const ImageModel& m) {
  std::ostringstream s;
  for (const auto& l : m.layers)
    s << "layer " << l.index << ": " << l.files_size << " B, " << l.file_count << " files, "
      << l.whiteout_count << " whiteouts\n";
  for (const auto& f : m.final_files) {
    const TarEntry& e = m.entry(f.ref);
    if (e.type == EntryType::kDirectory) continue;
    s << f.path << " " << f.size;
    if (e.type == EntryType::kSymlink) s << " -> " << m.tables[f.ref.layer].link(e);
    if (e.type == EntryType::kHardlink) s << " link to " << m.tables[f.ref.layer].link(e);
    s << "\n";
  }
  s << "stored " << m.stored_bytes << ", final " << m.final_bytes << ", reclaimable " << m.reclaimable_bytes;
  return s.str();
}

// By hand: layer 0 adds 20 + 3000 bytes of regular files (the hardlink shares
// app's inode) in 4 non-directory entries; layer 1 adds 500 bytes in one file
// and one whiteout. At the end os-release (20 B) is gone: 3500 visible.
const char kExpected[] =
    "layer 0: 3020 B, 4 files, 0 whiteouts\n"
    "layer 1: 500 B, 1 files, 1 whiteouts\n"
    "srv/data 500\n"
    "usr/bin/app 3000\n"
    "usr/bin/app-hard 3000 link to usr/bin/app\n"
    "usr/bin/app2 3 -> app\n"  // a symlink's size is its target's length
    "stored 3520, final 3500, reclaimable 20";

TEST(BuilderLayouts, EveryBuilderReadsAsTheSameImage) {
  for (const auto& b : kBuilders) {
    for (auto verify : {VerifyMode::kNone, VerifyMode::kAll}) {  // seek and stream read paths
      SCOPED_TRACE(std::string(b.name) + (verify == VerifyMode::kAll ? " (verify all)" : ""));
      TempDir tmp;
      std::string ref = write_image(b, tmp);
      AnalyzeOptions o;
      o.verify = verify;
      ImageModel m = analyze_image(parse_image_reference(ref), o);
      EXPECT_EQ(summary(m), kExpected);
      EXPECT_TRUE(m.warnings.empty()) << m.warnings.front();
    }
  }
}

TEST(BuilderLayouts, DirectoriesAreTheSameWhereverTheyAreNamed) {
  // kaniko's "/", "./" and "/srv/" all name the same directories as "srv/".
  std::vector<std::string> expected;
  for (const auto& b : kBuilders) {
    if (!b.naming.directories) continue;
    SCOPED_TRACE(b.name);
    TempDir tmp;
    ImageModel m = analyze_image(parse_image_reference(write_image(b, tmp)), {});
    std::vector<std::string> dirs;
    for (const auto& f : m.final_files)
      if (m.entry(f.ref).type == EntryType::kDirectory) dirs.emplace_back(f.path);
    EXPECT_EQ(dirs, (std::vector<std::string>{"etc", "srv", "usr", "usr/bin"}));
  }
}

}  // namespace
}  // namespace ballast::analysis
