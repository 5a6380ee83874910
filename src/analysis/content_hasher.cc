#include "analysis/content_hasher.h"

#include <xxhash.h>

#include <algorithm>
#include <map>
#include <memory>
#include <unordered_map>

#include "util/error.h"

namespace ballast::analysis {

using image::ByteSource;
using image::ByteSourcePtr;
using image::DuplicateGroup;
using image::EntryRef;
using image::EntryType;
using image::FinalFile;
using image::ImageModel;
using image::kNoOffset;
using image::ReclaimableItem;
using image::ShadowReason;
using image::TarEntry;
using image::TocIndex;
namespace {

constexpr std::size_t kHeadBytes = 4096;
constexpr std::size_t kChunk = 1 << 20;

class Hasher {
 public:
  Hasher(ImageModel& m, const std::vector<ByteSourcePtr>& sources,
         const std::vector<std::shared_ptr<const TocIndex>>& tocs)
      : m_(m), sources_(sources), tocs_(tocs) {}

  TarEntry& entry(EntryRef r) { return m_.tables[r.layer].entries()[r.entry]; }

  bool can_hash(EntryRef r) {
    const TarEntry& e = entry(r);
    return e.has_hash || e.data_offset != kNoOffset;
  }

  std::uint64_t full(EntryRef r) {
    TarEntry& e = entry(r);
    if (e.has_hash) return e.content_hash;
    e.content_hash = hash_range(r, e.size);
    e.has_hash = true;
    return e.content_hash;
  }

  std::uint64_t head(EntryRef r) {
    TarEntry& e = entry(r);
    if (e.has_hash || e.size <= kHeadBytes) return full(r);
    return hash_range(r, kHeadBytes);
  }

  HashStats stats;

 private:
  std::uint64_t hash_range(EntryRef r, std::uint64_t length) {
    const TarEntry& e = entry(r);
    const ByteSource& src = *sources_[r.layer];
    if (!buf_) buf_.reset(new char[kChunk]);
    std::unique_ptr<XXH3_state_t, decltype(&XXH3_freeState)> st(XXH3_createState(), XXH3_freeState);
    XXH3_64bits_reset(st.get());
    if (r.layer < static_cast<std::int32_t>(tocs_.size()) && tocs_[r.layer]) {
      read_toc_contents(src, *tocs_[r.layer], e, length,
                        [&](const void* p, std::size_t n) { XXH3_64bits_update(st.get(), p, n); });
      ++stats.files_hashed;
      stats.bytes_read += length;
      return XXH3_64bits_digest(st.get());
    }
    std::uint64_t done = 0;
    while (done < length) {
      std::size_t want = static_cast<std::size_t>(std::min<std::uint64_t>(kChunk, length - done));
      std::size_t got = src.read_at(e.data_offset + done, buf_.get(), want);
      if (got != want)
        throw InputError(src.name() + ": truncated contents of '" + std::string(m_.path(r)) + "'");
      XXH3_64bits_update(st.get(), buf_.get(), got);
      done += got;
    }
    ++stats.files_hashed;
    stats.bytes_read += length;
    return XXH3_64bits_digest(st.get());
  }

  ImageModel& m_;
  const std::vector<ByteSourcePtr>& sources_;
  const std::vector<std::shared_ptr<const TocIndex>>& tocs_;
  std::unique_ptr<char[]> buf_;
};

void classify_rewrites(ImageModel& m, Hasher& h) {
  for (ReclaimableItem& item : m.reclaimable) {
    if (item.reason != ShadowReason::kOverwritten || !item.replacement.valid()) continue;
    const TarEntry& before = m.entry(item.added);
    const TarEntry& after = m.entry(item.replacement);
    if (after.type != EntryType::kFile || after.size != before.size) continue;
    if (!h.can_hash(item.added) || !h.can_hash(item.replacement)) continue;
    // Compare heads first only when neither side's full hash is known yet.
    bool known = before.has_hash || after.has_hash;
    if (!known && h.head(item.added) != h.head(item.replacement)) continue;
    if (h.full(item.added) == h.full(item.replacement))
      item.reason = ShadowReason::kRewrittenSameContent;
  }
}

void find_duplicates(ImageModel& m, Hasher& h, const HashOptions& options) {
  std::unordered_map<std::uint64_t, std::vector<EntryRef>> by_size;
  for (const FinalFile& f : m.final_files) {
    const TarEntry& e = m.entry(f.ref);
    if (e.type != EntryType::kFile || e.size < options.duplicate_min_size) continue;
    by_size[e.size].push_back(f.ref);
  }
  for (auto& [size, refs] : by_size) {
    if (refs.size() < 2) continue;
    std::erase_if(refs, [&](EntryRef r) { return !h.can_hash(r); });
    // Heads first: most same-size files differ in their first 4 KiB.
    // When some were streamed (full hash known), compare full hashes only.
    bool any_streamed = std::any_of(refs.begin(), refs.end(),
                                    [&](EntryRef r) { return m.entry(r).has_hash; });
    std::unordered_map<std::uint64_t, std::vector<EntryRef>> by_head;
    for (EntryRef r : refs) by_head[any_streamed ? h.full(r) : h.head(r)].push_back(r);
    std::map<std::uint64_t, DuplicateGroup> groups;
    for (auto& [head, same_head] : by_head) {
      if (same_head.size() < 2) continue;
      for (EntryRef r : same_head) {
        auto& g = groups[h.full(r)];
        g.size = size;
        g.paths.emplace_back(m.path(r));
      }
    }
    for (auto& [hash, g] : groups) {
      if (g.paths.size() < 2) continue;
      g.hash = hash;
      std::sort(g.paths.begin(), g.paths.end());
      m.duplicates.push_back(std::move(g));
    }
  }
  std::sort(m.duplicates.begin(), m.duplicates.end(), [](const auto& a, const auto& b) {
    return a.wasted() != b.wasted() ? a.wasted() > b.wasted() : a.paths < b.paths;
  });
}

}  // namespace

HashStats hash_candidates(ImageModel& model, const std::vector<ByteSourcePtr>& layer_sources,
                          const HashOptions& options,
                          const std::vector<std::shared_ptr<const TocIndex>>& layer_tocs) {
  Hasher h(model, layer_sources, layer_tocs);
  classify_rewrites(model, h);
  if (options.find_duplicates) find_duplicates(model, h, options);
  if (options.hash_final_files)
    for (const FinalFile& f : model.final_files)
      if (model.entry(f.ref).type == EntryType::kFile && model.entry(f.ref).size > 0 && h.can_hash(f.ref)) h.full(f.ref);
  return h.stats;
}

}  // namespace ballast::analysis
