#include "slim/layer_squasher.h"

#include <archive.h>
#include <archive_entry.h>

#include <memory>
#include <stdexcept>
#include <vector>

#include "image/blob_reader.h"
#include "image/blob_tar.h"
#include "image/entry_name.h"
#include "image/tar_path.h"
#include "util/error.h"

namespace ballast::slim {
namespace {

using image::EntryName;
using image::EntryType;

struct WriteState {
  BlobSink* sink;
  std::string error;
};

la_ssize_t write_cb(struct archive*, void* data, const void* buf, size_t n) {
  auto* st = static_cast<WriteState*>(data);
  try {
    st->sink->write(buf, n);
    return static_cast<la_ssize_t>(n);
  } catch (const std::exception& e) {
    st->error = e.what();
    return -1;
  }
}

const char* name_of(struct archive_entry* e) {
  const char* raw = archive_entry_pathname(e);
  return raw ? raw : archive_entry_pathname_utf8(e);
}
const char* hardlink_of(struct archive_entry* e) {
  const char* raw = archive_entry_hardlink(e);
  return raw ? raw : archive_entry_hardlink_utf8(e);
}

class Squasher {
 public:
  Squasher(const image::ResolvedImage& in, const image::ImageModel& m, const SlimPlan& plan, BlobSink& sink,
           const SquashOptions& o)
      : in_(in), m_(m), plan_(plan), opt_(o), wst_{&sink, {}}, out_(archive_write_new()), buf_(256 * 1024) {
    archive_write_set_format_pax_restricted(out_.get());
    // Only SCHILY.xattr records, the form the engines' Go tar readers know.
    archive_write_set_format_option(out_.get(), "pax", "xattrheader", "SCHILY");
    archive_write_set_bytes_per_block(out_.get(), 0);
    if (archive_write_open(out_.get(), &wst_, nullptr, write_cb, nullptr) != ARCHIVE_OK) fail_write();
  }

  // Input layers [first, last) into this tar, the synthetic entries first when asked.
  void run(int first, int last, bool synthetic) {
    if (synthetic)
      for (const auto& s : plan_.synthetic) write_synthetic(s);
    for (int l = first; l < last; ++l) copy_layer(l);
    if (archive_write_close(out_.get()) != ARCHIVE_OK) fail_write();
  }

 private:
  struct EntryDeleter {
    void operator()(archive_entry* e) const { archive_entry_free(e); }
  };
  struct WriteDeleter {
    void operator()(struct archive* a) const { archive_write_free(a); }
  };

  [[noreturn]] void fail_write() {
    const char* msg = archive_error_string(out_.get());
    throw std::runtime_error(!wst_.error.empty() ? wst_.error
                                                 : std::string("writing the new layer: ") + (msg ? msg : "?"));
  }

  std::int64_t synthetic_mtime() const { return opt_.mtime.value_or(0); }

  void write_synthetic(const SyntheticEntry& s) {
    std::unique_ptr<archive_entry, EntryDeleter> e(archive_entry_new());
    std::string name;
    switch (s.kind) {
      case SyntheticEntry::Kind::kWhiteout: {
        std::string_view parent = image::parent_path(s.path);
        name = std::string(parent) + (parent.empty() ? "" : "/") + ".wh." + std::string(image::base_name(s.path));
        archive_entry_set_filetype(e.get(), AE_IFREG);
        archive_entry_set_perm(e.get(), 0);
        break;
      }
      case SyntheticEntry::Kind::kOpaque:
        name = s.path + "/.wh..wh..opq";
        archive_entry_set_filetype(e.get(), AE_IFREG);
        archive_entry_set_perm(e.get(), 0);
        break;
      case SyntheticEntry::Kind::kDirectory:
        name = s.path + "/";
        archive_entry_set_filetype(e.get(), AE_IFDIR);
        archive_entry_set_perm(e.get(), 0755);
        break;
    }
    archive_entry_set_pathname(e.get(), name.c_str());
    archive_entry_set_size(e.get(), 0);
    archive_entry_set_mtime(e.get(), synthetic_mtime(), 0);
    if (archive_write_header(out_.get(), e.get()) != ARCHIVE_OK) fail_write();
    if (archive_write_finish_entry(out_.get()) != ARCHIVE_OK) fail_write();
  }

  void copy_layer(int layer) {
    const image::LayerBlob& blob = in_.layers.at(static_cast<std::size_t>(layer));
    const image::LayerTable& table = m_.tables[layer];
    const LayerPlan& lp = plan_.layers[static_cast<std::size_t>(layer - plan_.base_layers)];
    image::BlobReader reader(blob.source, image::sniff_compression(*blob.source), false);
    const std::string& where = blob.source->name();
    image::BlobTar tar(reader, where);
    auto fail = [&](const std::string& what) { return tar.fail(what); };
    std::uint32_t index = 0;
    std::string why;
    struct archive_entry* e = nullptr;
    for (;;) {
      int rc = archive_read_next_header(tar.get(), &e);
      if (rc == ARCHIVE_EOF) break;
      if (rc == ARCHIVE_FATAL || rc == ARCHIVE_RETRY) throw fail("corrupt tar");
      // The same walk as image::read_layer(), so positions line up with the table.
      const char* raw = name_of(e);
      if (!raw) throw fail("tar entry without a name");
      auto path = image::clean_tar_path(raw, &why);
      if (!path) throw fail(std::string("hostile tar entry '") + raw + "': " + why);
      EntryName named = image::classify_entry_name(*path);
      if (named.kind == EntryName::Kind::kSkip) continue;
      const bool plain = named.kind == EntryName::Kind::kPlain;
      if (named.path.empty() && named.kind != EntryName::Kind::kOpaque) {
        if (plain && !hardlink_of(e) && archive_entry_filetype(e) == AE_IFDIR) continue;
        throw fail("tar entry names the root but is not a directory");
      }
      if (index >= table.entries().size() || table.path(table.entries()[index]) != named.path)
        throw std::runtime_error(where + ": the layer changed since it was analyzed (entry " +
                                 std::to_string(index) + ", '" + named.path + "')");
      const std::uint32_t i = index++;
      const EntryAction action = lp.actions[i];
      if (action == EntryAction::kSkip) continue;
      const image::TarEntry& te = table.entries()[i];
      std::string name = named.path;
      if (action == EntryAction::kCarrier) name = lp.rename.at(i);
      if (te.type == EntryType::kDirectory) name += "/";
      archive_entry_set_pathname(e, name.c_str());
      if (te.type == EntryType::kHardlink) {
        auto t = lp.link_target.find(i);
        std::string target = t != lp.link_target.end() ? t->second : std::string(table.link(te));
        archive_entry_set_hardlink(e, target.c_str());
        archive_entry_set_size(e, 0);
      }
      archive_entry_sparse_clear(e);
      if (opt_.mtime) {
        archive_entry_set_mtime(e, *opt_.mtime, 0);
        archive_entry_unset_atime(e);
        archive_entry_unset_ctime(e);
        archive_entry_unset_birthtime(e);
      }
      if (archive_write_header(out_.get(), e) != ARCHIVE_OK) fail_write();
      if (te.type == EntryType::kFile && te.size > 0) {
        std::uint64_t copied = 0;
        for (;;) {
          la_ssize_t n = archive_read_data(tar.get(), buf_.data(), buf_.size());
          if (n < 0) throw fail("corrupt tar data for '" + named.path + "'");
          if (n == 0) break;
          if (archive_write_data(out_.get(), buf_.data(), static_cast<size_t>(n)) != n) fail_write();
          copied += static_cast<std::uint64_t>(n);
        }
        if (copied != te.size) throw fail("short contents for '" + named.path + "'");
      }
      if (archive_write_finish_entry(out_.get()) != ARCHIVE_OK) fail_write();
    }
    if (index != table.entries().size())
      throw std::runtime_error(where + ": the layer changed since it was analyzed");
    tar.close();
    reader.finish();
  }

  const image::ResolvedImage& in_;
  const image::ImageModel& m_;
  const SlimPlan& plan_;
  SquashOptions opt_;
  WriteState wst_;
  std::unique_ptr<struct archive, WriteDeleter> out_;
  std::vector<char> buf_;
};

}  // namespace

void write_squashed_layer(const image::ResolvedImage& input, const image::ImageModel& model, const SlimPlan& plan,
                          BlobSink& sink, const SquashOptions& options) {
  Squasher(input, model, plan, sink, options)
      .run(plan.base_layers, plan.base_layers + static_cast<int>(plan.layers.size()), true);
}

void write_kept_layer(const image::ResolvedImage& input, const image::ImageModel& model, const SlimPlan& plan,
                      int layer, BlobSink& sink, const SquashOptions& options) {
  Squasher(input, model, plan, sink, options).run(layer, layer + 1, layer == plan.base_layers);
}

}  // namespace ballast::slim
