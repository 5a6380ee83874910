#include "image/estargz_toc.h"

#include <archive.h>
#include <archive_entry.h>
#include <xxhash.h>

#include <algorithm>
#include <cstring>
#include <memory>
#include <nlohmann/json.hpp>
#include <set>

#include "image/entry_name.h"
#include "image/gzip_member.h"
#include "util/sha256.h"
#include "image/tar_path.h"
#include "util/error.h"

namespace ballast::image {
namespace {

using nlohmann::json;

// docs/estargz.md "Footer": 10 bytes gzip header, XLEN = 26, SI1 'S' SI2 'G',
// LEN = 22, "%016xSTARGZ", an empty stored deflate block, 8 bytes trailer.
constexpr std::size_t kFooterSize = 51;
// Legacy stargz (google/crfs) wrote the same without SI1/SI2/LEN: 47 bytes.
constexpr std::size_t kLegacyFooterSize = 47;
// A TOC lists every entry (~250 bytes of JSON each): 1 GiB is millions of
// files; anything larger is hostile.
constexpr std::size_t kMaxTocBytes = std::size_t{1} << 30;

// A reason to fall back to reading the layer in full.
struct Unusable {
  std::string why;
};

std::optional<std::uint64_t> parse_hex16(const unsigned char* p) {
  std::uint64_t v = 0;
  for (int i = 0; i < 16; ++i) {
    unsigned char c = p[i];
    int d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
    if (d < 0) return std::nullopt;
    v = v << 4 | static_cast<std::uint64_t>(d);
  }
  return v;
}

std::uint64_t footer_toc_offset(const ByteSource& blob) {
  const std::uint64_t size = blob.size();
  if (size < kFooterSize) throw Unusable{"blob too small for an eStargz footer"};
  unsigned char f[kFooterSize];
  if (blob.read_at(size - kFooterSize, f, kFooterSize) != kFooterSize)
    throw Unusable{"cannot read the footer"};
  const unsigned char* legacy = f + (kFooterSize - kLegacyFooterSize);
  bool legacy_shape = legacy[0] == 0x1f && legacy[1] == 0x8b && (legacy[3] & 0x04) &&
                      legacy[10] == 22 && legacy[11] == 0 && std::memcmp(legacy + 28, "STARGZ", 6) == 0;
  bool shape = f[0] == 0x1f && f[1] == 0x8b && f[2] == 8 && (f[3] & 0x04) && f[10] == 26 &&
               f[11] == 0 && f[12] == 'S' && f[13] == 'G' && f[14] == 22 && f[15] == 0 &&
               std::memcmp(f + 32, "STARGZ", 6) == 0;
  if (!shape)
    throw Unusable{legacy_shape ? "legacy stargz footer (no verifiable TOC)" : "no eStargz footer"};
  auto offset = parse_hex16(f + 16);
  if (!offset || *offset >= size - kFooterSize) throw Unusable{"footer points outside the blob"};
  return *offset;
}

struct TocFile {
  std::string json;
  std::uint32_t mode = 0, uid = 0, gid = 0;
};

// The TOC member inflates to a tar holding stargz.index.json (and the tar's
// end blocks).
TocFile toc_from_member(const std::string& tar) {
  std::unique_ptr<struct archive, decltype(&archive_read_free)> a(archive_read_new(), archive_read_free);
  archive_read_support_format_tar(a.get());
  if (archive_read_open_memory(a.get(), tar.data(), tar.size()) != ARCHIVE_OK)
    throw Unusable{"TOC member is not a tar"};
  struct archive_entry* e = nullptr;
  if (archive_read_next_header(a.get(), &e) != ARCHIVE_OK) throw Unusable{"TOC member is not a tar"};
  const char* name = archive_entry_pathname(e);
  if (!name || std::string_view(name) != kTocName || archive_entry_filetype(e) != AE_IFREG)
    throw Unusable{"TOC member does not hold stargz.index.json"};
  TocFile out;
  out.mode = archive_entry_perm(e);
  out.uid = static_cast<std::uint32_t>(archive_entry_uid(e));
  out.gid = static_cast<std::uint32_t>(archive_entry_gid(e));
  la_int64_t size = archive_entry_size(e);
  if (size < 0 || static_cast<std::uint64_t>(size) > tar.size()) throw Unusable{"truncated TOC"};
  out.json.resize(static_cast<std::size_t>(size));
  if (archive_read_data(a.get(), out.json.data(), out.json.size()) != size) throw Unusable{"truncated TOC"};
  return out;
}

// One TOC entry as read from the JSON (docs/estargz.md "TOCEntry"); absent
// numbers are 0.
struct TocRecord {
  std::string name, type, link_name;
  std::uint64_t mode = 0, uid = 0, gid = 0, size = 0;
  std::uint64_t offset = 0, chunk_offset = 0, chunk_size = 0, inner_offset = 0;
  bool has_offset = false;
};

EntryType type_of(const std::string& t) {
  if (t == "reg") return EntryType::kFile;
  if (t == "dir") return EntryType::kDirectory;
  if (t == "symlink") return EntryType::kSymlink;
  if (t == "hardlink") return EntryType::kHardlink;
  if (t == "char") return EntryType::kCharDevice;
  if (t == "block") return EntryType::kBlockDevice;
  if (t == "fifo") return EntryType::kFifo;
  throw Unusable{"unknown TOC entry type '" + t + "'"};
}

// Builds the table from the TOC entries; chunks go to `index`.
class TableBuilder {
 public:
  TableBuilder(LayerTable& table, TocIndex& index) : table_(table), index_(index) {}

  void add(const TocRecord& j) {
    const std::string& type = j.type;
    if (type == "chunk") return add_chunk(j);
    finish_file();
    const std::string& name = j.name;
    std::string why;
    auto path = clean_tar_path(name, &why);
    if (!path) throw Unusable{"hostile TOC entry '" + name + "': " + why};
    TarEntry entry;
    entry.type = type_of(type);
    entry.mode = static_cast<std::uint32_t>(j.mode & 07777);
    entry.uid = static_cast<std::uint32_t>(j.uid);
    entry.gid = static_cast<std::uint32_t>(j.gid);
    if (entry.type == EntryType::kFile) start_file(j, &entry);
    EntryName named = classify_entry_name(*path);
    if (named.kind == EntryName::Kind::kSkip) return;
    if (named.kind != EntryName::Kind::kPlain) {
      // Like the tar path: a whiteout keeps its owner and mode, nothing else.
      entry.type = named.kind == EntryName::Kind::kOpaque ? EntryType::kOpaque : EntryType::kWhiteout;
      entry.size = 0;
      entry.data_offset = kNoOffset;
    } else if (entry.type == EntryType::kHardlink) {
      const std::string& target = j.link_name;
      auto link = clean_tar_path(target, &why);
      if (!link) throw Unusable{"hostile hardlink target '" + target + "': " + why};
      set_link(entry, *link);
    } else if (entry.type == EntryType::kSymlink) {
      set_link(entry, j.link_name);
    }
    if (named.path.empty() && named.kind != EntryName::Kind::kOpaque) {
      // The root itself ("/", "./"): only a directory can describe it.
      if (entry.type == EntryType::kDirectory) return;
      throw Unusable{"TOC entry '" + name + "' names the root but is not a directory"};
    }
    entry.path_offset = table_.add_string(named.path);
    entry.path_length = static_cast<std::uint32_t>(named.path.size());
    table_.entries().push_back(entry);
  }

  void finish_file() {
    if (pending_ != filled_)
      throw Unusable{"TOC chunks of a file add up to " + std::to_string(filled_) + " of its " +
                     std::to_string(pending_) + " bytes"};
    pending_ = filled_ = 0;
  }

 private:
  void set_link(TarEntry& entry, std::string_view link) {
    entry.link_offset = table_.add_string(link);
    entry.link_length = static_cast<std::uint32_t>(link.size());
  }

  void start_file(const TocRecord& j, TarEntry* entry) {
    entry->size = j.size;
    entry->data_offset = index_.chunks.size();
    pending_ = entry->size;
    filled_ = 0;
    if (entry->size > 0) add_chunk(j);
  }

  // docs/estargz.md: chunkOffset is the chunk's place in the file; a
  // chunkSize of 0 marks the last (or only) chunk, which runs to the end.
  void add_chunk(const TocRecord& j) {
    if (j.chunk_offset != filled_ || filled_ >= pending_)
      throw Unusable{"TOC chunk out of place in '" + j.name + "'"};
    std::uint64_t size = j.chunk_size;
    if (size == 0 || size > pending_ - filled_) size = pending_ - filled_;
    TocChunk c;
    c.offset = j.has_offset ? j.offset : index_.data_end;
    c.inner_offset = j.inner_offset;
    if (c.offset >= index_.data_end) throw Unusable{"TOC chunk offset outside the layer's data"};
    index_.chunks.push_back(c);
    index_.chunks.back().size = size;
    filled_ += size;
  }

  LayerTable& table_;
  TocIndex& index_;
  std::uint64_t pending_ = 0;  // size of the regular file whose chunks are being listed
  std::uint64_t filled_ = 0;
};

// Streams the TOC JSON into the table without building a DOM (a DOM of a
// 50,000-entry TOC costs more time and memory than the rest of the read).
class TocSax {
 public:
  explicit TocSax(TableBuilder& builder) : builder_(builder) {}

  bool null() { return true; }
  bool boolean(bool) { return scalar_not("a number or string"); }
  bool number_integer(json::number_integer_t v) {
    if (v < 0) return number(nullptr);
    return number_unsigned(static_cast<std::uint64_t>(v));
  }
  bool number_unsigned(json::number_unsigned_t v) { return number(&v); }
  bool number_float(json::number_float_t, const json::string_t&) { return number(nullptr); }
  bool string(json::string_t& v) {
    if (depth_ == 3) {
      if (key_ == "name") record_.name = std::move(v);
      else if (key_ == "type") record_.type = std::move(v);
      else if (key_ == "linkName") record_.link_name = std::move(v);
      else if (numeric_field()) throw Unusable{"TOC field '" + key_ + "' is not a non-negative integer"};
    } else {
      return outside_entry();
    }
    return true;
  }
  bool binary(json::binary_t&) { return true; }
  bool start_object(std::size_t) {
    if (depth_ == 0) root_ = true;
    if (depth_ == 2 && in_entries_) record_ = TocRecord{};
    ++depth_;
    return true;
  }
  bool key(json::string_t& k) {
    if (depth_ == 1) top_key_ = k;
    if (depth_ == 3) key_ = std::move(k);
    return true;
  }
  bool end_object() {
    --depth_;
    if (depth_ == 2 && in_entries_) builder_.add(record_);
    return true;
  }
  bool start_array(std::size_t) {
    if (depth_ == 1 && top_key_ == "entries") in_entries_ = entries_seen_ = true;
    ++depth_;
    return true;
  }
  bool end_array() {
    --depth_;
    if (depth_ == 1) in_entries_ = false;
    return true;
  }
  bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception&) {
    throw Unusable{"TOC is not JSON"};
  }

  void finish() const {
    if (!root_) throw Unusable{"TOC is not JSON"};
    if (version_ != 1) throw Unusable{"unsupported TOC version"};
    if (!entries_seen_) throw Unusable{"TOC without entries"};
    builder_.finish_file();
  }

 private:
  bool numeric_field() const {
    return key_ == "mode" || key_ == "uid" || key_ == "gid" || key_ == "size" || key_ == "offset" ||
           key_ == "chunkOffset" || key_ == "chunkSize" || key_ == "innerOffset";
  }
  // nullptr: a negative or fractional number.
  bool number(const std::uint64_t* v) {
    if (depth_ == 1 && top_key_ == "version") {
      version_ = v ? *v : 0;
      return true;
    }
    if (depth_ != 3) return outside_entry();
    if (!numeric_field()) return true;
    if (!v) throw Unusable{"TOC field '" + key_ + "' is not a non-negative integer"};
    if (key_ == "mode") record_.mode = *v;
    else if (key_ == "uid") record_.uid = *v;
    else if (key_ == "gid") record_.gid = *v;
    else if (key_ == "size") record_.size = *v;
    else if (key_ == "offset") record_.offset = *v, record_.has_offset = true;
    else if (key_ == "chunkOffset") record_.chunk_offset = *v;
    else if (key_ == "chunkSize") record_.chunk_size = *v;
    else record_.inner_offset = *v;
    return true;
  }
  bool scalar_not(const char* what) {
    if (depth_ == 3 && (numeric_field() || key_ == "name" || key_ == "type" || key_ == "linkName"))
      throw Unusable{"TOC field '" + key_ + "' is not " + what};
    return depth_ == 3 || outside_entry();
  }
  // Scalars elsewhere: the root, a top-level field, or an entries[] member
  // that is not an object.
  bool outside_entry() {
    if (depth_ == 2 && in_entries_) throw Unusable{"TOC entry is not an object"};
    return true;
  }

  TableBuilder& builder_;
  TocRecord record_;
  std::string top_key_, key_;
  int depth_ = 0;
  bool root_ = false, in_entries_ = false, entries_seen_ = false;
  std::uint64_t version_ = 0;
};

// Without the uncompressed-size annotation, the tar's size is the sum of the
// members' ISIZE trailers (RFC 1952: inflated size mod 2^32). Members start
// at 0, at every chunk's offset and at the TOC (docs/estargz.md "The
// structure"), so each one ends where the next begins.
std::uint64_t tar_size_from_members(const ByteSource& blob, const TocIndex& index,
                                    std::uint64_t toc_member_size) {
  std::set<std::uint64_t> starts{0, index.data_end};
  for (const auto& c : index.chunks) starts.insert(c.offset);
  std::uint64_t total = toc_member_size;
  for (auto it = starts.begin(), next = std::next(it); next != starts.end(); it = next++) {
    if (*next - *it < 18) throw Unusable{"gzip member too short at offset " + std::to_string(*it)};
    unsigned char isize[4];
    if (blob.read_at(*next - 4, isize, 4) != 4) throw Unusable{"cannot read a gzip trailer"};
    total += std::uint64_t{isize[0]} | std::uint64_t{isize[1]} << 8 | std::uint64_t{isize[2]} << 16 |
             std::uint64_t{isize[3]} << 24;
  }
  return total;
}

LayerReadResult read_toc_layer(const ByteSourcePtr& blob, const TocReadOptions& options) {
  std::string expected = options.toc_digest;
  if (!expected.starts_with("sha256:")) throw Unusable{"TOC digest annotation is not sha256"};
  expected = expected.substr(7);
  std::uint64_t toc_offset = footer_toc_offset(*blob);
  std::string member =
      inflate_whole_member(*blob, toc_offset, blob->size() - kFooterSize, kMaxTocBytes);
  TocFile toc = toc_from_member(member);
  if (sha256_hex(toc.json) != expected)
    throw Unusable{"TOC digest does not match the layer annotation"};

  LayerReadResult result;
  result.compression = Compression::kGzip;
  result.method = ReadMethod::kToc;
  auto index = std::make_shared<TocIndex>();
  index->data_end = toc_offset;
  LayerTable& table = result.table;
  TableBuilder builder(table, *index);
  TocSax sax(builder);
  json::sax_parse(toc.json, &sax);
  sax.finish();

  // The TOC is a file of the layer like any other (extracting the tar creates
  // it), though it does not list itself.
  TarEntry self;
  self.size = toc.json.size();
  self.mode = toc.mode;
  self.uid = toc.uid;
  self.gid = toc.gid;
  self.content_hash = XXH3_64bits(toc.json.data(), toc.json.size());
  self.has_hash = true;
  self.path_offset = table.add_string(kTocName);
  self.path_length = static_cast<std::uint32_t>(std::string_view(kTocName).size());
  table.entries().push_back(self);

  if (options.capture) {
    auto& all = table.entries();
    for (std::uint32_t i = 0; i < all.size(); ++i) {
      TarEntry& e = all[i];
      if (e.type != EntryType::kFile || !options.capture(table.path(e), e.size)) continue;
      std::string contents;
      if (i + 1 == all.size()) {
        contents = toc.json;
      } else {
        contents.reserve(static_cast<std::size_t>(e.size));
        read_toc_contents(*blob, *index, e, e.size, [&](const void* p, std::size_t n) {
          contents.append(static_cast<const char*>(p), n);
        });
        e.content_hash = XXH3_64bits(contents.data(), contents.size());
        e.has_hash = true;
      }
      result.captured.emplace_back(i, std::move(contents));
    }
  }
  result.tar_size = options.uncompressed_size
                        ? *options.uncompressed_size
                        : tar_size_from_members(*blob, *index, member.size());
  result.toc = std::move(index);
  table.shrink_to_fit();
  return result;
}

}  // namespace

std::optional<LayerReadResult> read_estargz_layer(const ByteSourcePtr& blob,
                                                  const TocReadOptions& options, std::string* why) {
  try {
    return read_toc_layer(blob, options);
  } catch (const Unusable& u) {
    *why = u.why;
  } catch (const InputError& e) {  // corrupt members, I/O: the full read will tell
    *why = e.what();
  }
  return std::nullopt;
}

void read_toc_contents(const ByteSource& blob, const TocIndex& index, const TarEntry& e,
                       std::uint64_t length,
                       const std::function<void(const void*, std::size_t)>& sink) {
  length = std::min(length, e.size);
  for (std::uint64_t i = e.data_offset; length > 0; ++i) {
    if (i >= index.chunks.size()) throw InputError(blob.name() + ": TOC chunk index out of range");
    const TocChunk& c = index.chunks[i];
    std::uint64_t take = std::min(length, c.size);
    inflate_member_range(blob, c.offset, index.data_end, c.inner_offset, take, sink);
    length -= take;
  }
}

}  // namespace ballast::image
