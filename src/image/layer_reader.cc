#include "image/layer_reader.h"

#include <archive.h>
#include <archive_entry.h>
#include <xxhash.h>

#include <memory>

#include "image/entry_name.h"
#include "image/tar_path.h"
#include "util/error.h"
#include "util/quoted_excerpt.h"

namespace ballast::image {
namespace {

struct CallbackState {
  BlobReader* reader;
  std::string error;
};

la_ssize_t read_cb(struct archive*, void* data, const void** buf) {
  auto* st = static_cast<CallbackState*>(data);
  try {
    auto chunk = st->reader->next();
    *buf = chunk.data();
    return static_cast<la_ssize_t>(chunk.size());
  } catch (const std::exception& e) {
    st->error = e.what();
    return -1;
  }
}

la_int64_t skip_cb(struct archive*, void* data, la_int64_t request) {
  auto* st = static_cast<CallbackState*>(data);
  if (request <= 0 || !st->reader->can_skip()) return 0;  // libarchive then reads instead
  return static_cast<la_int64_t>(st->reader->skip(static_cast<std::uint64_t>(request)));
}

struct ArchiveDeleter {
  void operator()(struct archive* a) const { archive_read_free(a); }
};

EntryType entry_type(mode_t filetype) {
  switch (filetype) {
    case AE_IFDIR: return EntryType::kDirectory;
    case AE_IFLNK: return EntryType::kSymlink;
    case AE_IFCHR: return EntryType::kCharDevice;
    case AE_IFBLK: return EntryType::kBlockDevice;
    case AE_IFIFO: return EntryType::kFifo;
    default: return EntryType::kFile;
  }
}

// Names as stored come first (no charset conversion: it costs ~10% of a
// header-only read); a pax UTF-8 name the locale cannot represent comes back
// NULL there, and its UTF-8 form is used instead.
const char* entry_name(struct archive_entry* e) {
  const char* raw = archive_entry_pathname(e);
  return raw ? raw : archive_entry_pathname_utf8(e);
}

const char* hardlink_name(struct archive_entry* e) {
  const char* raw = archive_entry_hardlink(e);
  return raw ? raw : archive_entry_hardlink_utf8(e);
}

const char* symlink_name(struct archive_entry* e) {
  const char* raw = archive_entry_symlink(e);
  return raw ? raw : archive_entry_symlink_utf8(e);
}

// libarchive returns no message for some failures (a callback error).
std::string error_text(struct archive* a) {
  const char* msg = archive_error_string(a);
  return msg ? msg : "unknown error";
}

}  // namespace

void check_diff_id(const std::string& layer, const std::string& expected, const std::string& tar_hex) {
  std::string want = expected.starts_with("sha256:") ? expected.substr(7) : expected;
  if (tar_hex != want)
    throw InputError(layer + ": diff_id mismatch: the uncompressed layer is sha256:" + tar_hex +
                     ", the config's rootfs.diff_ids says sha256:" + want);
}

LayerReadResult read_layer(ByteSourcePtr blob, const LayerReadOptions& options) {
  LayerReadResult result;
  result.compression = sniff_compression(*blob);
  const bool verify = !options.expected_digest.empty();
  const bool hash_tar = options.hash_tar || !options.expected_diff_id.empty();
  BlobReader reader(blob, result.compression, verify, hash_tar, options.pipeline);
  reader.set_output_limits(options.max_tar_bytes, options.max_ratio);
  result.seeked = reader.can_skip();
  result.method = result.seeked ? ReadMethod::kSeek : ReadMethod::kStream;
  const bool hash_contents = options.hash_contents && !result.seeked;
  const std::string& name = blob->name();

  CallbackState state{&reader, {}};
  std::unique_ptr<struct archive, ArchiveDeleter> a(archive_read_new());
  archive_read_support_format_tar(a.get());
  archive_read_support_format_empty(a.get());
  archive_read_set_callback_data(a.get(), &state);
  archive_read_set_read_callback(a.get(), read_cb);
  archive_read_set_skip_callback(a.get(), skip_cb);
  auto fail = [&](const std::string& what) -> InputError {
    std::string detail = !state.error.empty() ? state.error : what;
    return InputError(state.error.empty() ? name + ": " + detail : detail);
  };
  if (archive_read_open1(a.get()) != ARCHIVE_OK)
    throw fail("not a tar layer: " + error_text(a.get()));

  LayerTable& table = result.table;
  std::string why;
  struct archive_entry* e = nullptr;
  XXH3_state_t* xxh = hash_contents ? XXH3_createState() : nullptr;
  std::unique_ptr<XXH3_state_t, decltype(&XXH3_freeState)> xxh_owner(xxh, XXH3_freeState);

  for (;;) {
    int rc = archive_read_next_header(a.get(), &e);
    if (rc == ARCHIVE_EOF) break;
    if (rc == ARCHIVE_FATAL || rc == ARCHIVE_RETRY)
      throw fail(std::string("corrupt tar: ") + error_text(a.get()));
    // ARCHIVE_WARN (e.g. an unconvertible name) still yields a usable entry.
    const char* raw = entry_name(e);
    if (!raw) throw fail("tar entry without a name");
    auto path = clean_tar_path(raw, &why);
    if (!path) throw fail("hostile tar entry " + quoted_excerpt(raw, 80) + ": " + why);
    if (table.entries().size() >= options.max_entries)
      throw LimitError(name + ": more than " + std::to_string(options.max_entries) +
                       " tar entries in one layer (see docs/limits.md)");

    TarEntry entry;
    entry.mode = archive_entry_perm(e);
    entry.uid = static_cast<std::uint32_t>(archive_entry_uid(e));
    entry.gid = static_cast<std::uint32_t>(archive_entry_gid(e));
    EntryName named = classify_entry_name(*path);
    std::string& stored_path = named.path;
    if (named.kind == EntryName::Kind::kSkip) continue;
    if (named.kind != EntryName::Kind::kPlain) {
      entry.type = named.kind == EntryName::Kind::kOpaque ? EntryType::kOpaque : EntryType::kWhiteout;
    } else if (const char* target = hardlink_name(e)) {
      auto link = clean_tar_path(target, &why);
      if (!link) throw fail("hostile hardlink target " + quoted_excerpt(target, 80) + ": " + why);
      entry.type = EntryType::kHardlink;
      entry.link_offset = table.add_string(*link);
      entry.link_length = static_cast<std::uint32_t>(link->size());
    } else {
      entry.type = entry_type(archive_entry_filetype(e));
      if (entry.type == EntryType::kSymlink) {
        const char* target = symlink_name(e);
        std::string_view t = target ? target : "";
        if (t.size() > limits::kMaxPathBytes)
          throw fail("symlink " + quoted_excerpt(stored_path, 80) + " has a target of " +
                     std::to_string(t.size()) + " bytes, more than " +
                     std::to_string(limits::kMaxPathBytes) + " (see docs/limits.md)");
        entry.link_offset = table.add_string(t);
        entry.link_length = static_cast<std::uint32_t>(t.size());
      }
    }
    if (stored_path.empty() && named.kind != EntryName::Kind::kOpaque) {
      // "/", "./", "." or "usr/..": the root itself, which a layer can only
      // describe as a directory (kaniko and others write it first).
      if (entry.type == EntryType::kDirectory) continue;
      throw fail("tar entry " + quoted_excerpt(raw, 80) + " names the root but is not a directory");
    }
    if (entry.type == EntryType::kFile) {
      la_int64_t size = archive_entry_size(e);
      entry.size = size > 0 ? static_cast<std::uint64_t>(size) : 0;
      if (result.seeked)  // after the header, the consumed position is where contents start
        entry.data_offset = static_cast<std::uint64_t>(archive_filter_bytes(a.get(), 0));
      // Hands each block of the entry's contents to `use`.
      auto read_contents = [&](auto&& use) {
        const void* block = nullptr;
        size_t len = 0;
        la_int64_t off = 0;
        int drc;
        while ((drc = archive_read_data_block(a.get(), &block, &len, &off)) == ARCHIVE_OK)
          use(block, len);
        if (drc != ARCHIVE_EOF)
          throw fail(std::string("corrupt tar data for '") + stored_path +
                     "': " + error_text(a.get()));
      };
      if (options.capture && options.capture(stored_path, entry.size)) {
        std::string contents;
        contents.reserve(static_cast<std::size_t>(entry.size));
        read_contents([&](const void* p, size_t n) { contents.append(static_cast<const char*>(p), n); });
        if (xxh) {
          entry.content_hash = XXH3_64bits(contents.data(), contents.size());
          entry.has_hash = true;
        }
        result.captured.emplace_back(static_cast<std::uint32_t>(table.entries().size()),
                                     std::move(contents));
      } else if (!result.seeked && xxh && entry.size > 0) {
        XXH3_64bits_reset(xxh);
        read_contents([&](const void* p, size_t n) { XXH3_64bits_update(xxh, p, n); });
        entry.content_hash = XXH3_64bits_digest(xxh);
        entry.has_hash = true;
      }
    }
    entry.path_offset = table.add_string(stored_path);
    entry.path_length = static_cast<std::uint32_t>(stored_path.size());
    table.entries().push_back(entry);
    if (options.metadata) {
      std::uint64_t held = sizeof(TarEntry) + stored_path.size() + entry.link_length;
      options.metadata->charge(held, name);
    }
  }
  a.reset();
  std::string digest = reader.finish();
  result.tar_size =
      result.compression == Compression::kNone ? blob->size() : reader.output_position();
  if (verify) {
    std::string expected = options.expected_digest;
    if (expected.starts_with("sha256:")) expected = expected.substr(7);
    if (digest != expected)
      throw InputError(name + ": digest mismatch (expected sha256:" + expected + ", got sha256:" +
                       digest + ")");
    result.verified = true;
  }
  if (hash_tar) result.tar_sha256 = reader.output_digest();
  if (!options.expected_diff_id.empty()) {
    check_diff_id(name, options.expected_diff_id, result.tar_sha256);
    result.diff_id_verified = true;
  }
  table.shrink_to_fit();
  return result;
}

}  // namespace ballast::image
