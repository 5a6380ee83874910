#include "diff/image_diff.h"

#include <algorithm>
#include <map>
#include <unordered_map>

#include "context/matcher.h"
#include "util/error.h"

namespace ballast::diff {
namespace {

using analysis::ImageSnapshot;
using analysis::SnapshotEntry;
using attribution::Dimension;

std::uint64_t abs_delta(const Totals& t) { return t.a > t.b ? t.a - t.b : t.b - t.a; }

// One regular-file entry of either image, for the change tree.
struct Record {
  const SnapshotEntry* entry;
  bool in_b;
};

// Row keys for one side. Layers are keyed by the instruction that made them
// (so "RUN pip install" of A meets its rebuilt self in B), numbered when an
// image repeats one.
class Keys {
 public:
  explicit Keys(const ImageSnapshot& s) : s_(s) {
    std::map<std::string, int> seen;
    for (std::size_t i = 0; i < s.layers.size(); ++i) {
      std::string label = s.layers[i].instruction;
      for (char& c : label)
        if (c == '\n' || c == '\t') c = ' ';
      if (label.size() > 60) label = label.substr(0, 57) + "...";
      if (label.empty()) label = "#" + std::to_string(i);
      if (int n = ++seen[label]; n > 1) label += " (" + std::to_string(n) + ")";
      layer_labels_.push_back(std::move(label));
    }
  }

  std::string key(const SnapshotEntry& e, Dimension d) const {
    switch (d) {
      case Dimension::kLayer: return layer_labels_[e.layer];
      case Dimension::kCategory:
        return e.category < s_.categories.size() ? s_.categories[e.category].name : std::string("unknown");
      case Dimension::kPackage:
        return e.package < s_.packages.size() ? s_.packages[e.package].name : std::string(attribution::kUnownedLabel);
      case Dimension::kDir: {
        const auto slash = e.path.rfind('/');
        return slash == 0 || slash == std::string::npos ? std::string("/") : e.path.substr(0, slash);
      }
      case Dimension::kFile: return e.path;
      case Dimension::kExt: {
        const auto slash = e.path.rfind('/');
        const auto dot = e.path.rfind('.');
        if (dot == std::string::npos || (slash != std::string::npos && dot < slash + 2)) return "[none]";
        return e.path.substr(dot);
      }
    }
    return {};
  }

 private:
  const ImageSnapshot& s_;
  std::vector<std::string> layer_labels_;
};

class TreeBuilder {
 public:
  TreeBuilder(const Keys& ka, const Keys& kb, const DiffOptions& o) : ka_(ka), kb_(kb), o_(o) {}

  static void add(DiffNode& n, const Record& r) {
    Totals& stored = n.stored;
    Totals& final = n.final;
    (r.in_b ? stored.b : stored.a) += r.entry->size;
    if (r.entry->visible) (r.in_b ? final.b : final.a) += r.entry->size;
    ++(r.in_b ? n.files_b : n.files_a);
  }

  void split(DiffNode& node, const std::vector<Record>& records, std::size_t level) const {
    if (level >= o_.dimensions.size() || records.empty()) return;
    const Dimension d = o_.dimensions[level];
    std::unordered_map<std::string, std::size_t> index;
    std::vector<DiffNode> rows;
    std::vector<std::vector<Record>> members;
    for (const Record& r : records) {
      auto [it, inserted] = index.try_emplace((r.in_b ? kb_ : ka_).key(*r.entry, d), rows.size());
      if (inserted) {
        rows.emplace_back();
        rows.back().name = it->first;
        members.emplace_back();
      }
      add(rows[it->second], r);
      members[it->second].push_back(r);
    }
    // Unchanged rows weigh nothing in a diff and are left out (the sums
    // still add up: they contribute 0).
    std::vector<std::size_t> order;
    for (std::size_t i = 0; i < rows.size(); ++i)
      if (rows[i].stored.delta() != 0 || rows[i].final.delta() != 0) order.push_back(i);
    const bool by_final = o_.sort_by_final;
    std::sort(order.begin(), order.end(), [&](std::size_t x, std::size_t y) {
      const std::uint64_t a = abs_delta(by_final ? rows[x].final : rows[x].stored);
      const std::uint64_t b = abs_delta(by_final ? rows[y].final : rows[y].stored);
      if (a != b) return a > b;
      return rows[x].name < rows[y].name;
    });
    const std::size_t keep = order.size() <= o_.top + 1 ? order.size() : o_.top;
    DiffNode others;
    for (std::size_t k = 0; k < order.size(); ++k) {
      const std::size_t i = order[k];
      if (k < keep) {
        split(rows[i], members[i], level + 1);
        node.children.push_back(std::move(rows[i]));
      } else {
        others.stored.a += rows[i].stored.a;
        others.stored.b += rows[i].stored.b;
        others.final.a += rows[i].final.a;
        others.final.b += rows[i].final.b;
        others.files_a += rows[i].files_a;
        others.files_b += rows[i].files_b;
        ++others.folded;
      }
    }
    if (others.folded) {
      others.name = "[" + std::to_string(others.folded) + " others]";
      node.children.push_back(std::move(others));
    }
  }

 private:
  const Keys& ka_;
  const Keys& kb_;
  const DiffOptions& o_;
};

void diff_layers(const ImageSnapshot& a, const ImageSnapshot& b, ImageDiff& out) {
  std::multimap<std::string, std::size_t> in_a;
  for (std::size_t i = 0; i < a.layers.size(); ++i) in_a.emplace(a.layers[i].diff_id, i);
  std::vector<bool> used(a.layers.size());
  for (const auto& l : b.layers) {
    LayerMatch m{l.diff_id, l.instruction, l.size, l.compressed_size};
    auto range = in_a.equal_range(l.diff_id);
    bool shared = false;
    for (auto it = range.first; it != range.second && !l.diff_id.empty(); ++it)
      if (!used[it->second]) {
        used[it->second] = true;
        shared = true;
        break;
      }
    if (shared) {
      out.shared_bytes += l.size;
      out.shared_layers.push_back(std::move(m));
    } else {
      out.added_layers.push_back(std::move(m));
    }
  }
  for (std::size_t i = 0; i < a.layers.size(); ++i)
    if (!used[i])
      out.removed_layers.push_back({a.layers[i].diff_id, a.layers[i].instruction, a.layers[i].size,
                                    a.layers[i].compressed_size});
}

void diff_packages(const ImageSnapshot& a, const ImageSnapshot& b, ImageDiff& out) {
  std::map<std::string, const analysis::SnapshotTotal*> pa, pb;
  for (const auto& p : a.packages) pa[p.name] = &p;
  for (const auto& p : b.packages) pb[p.name] = &p;
  for (const auto& [label, p] : pa) {
    auto it = pb.find(label);
    if (it == pb.end()) out.packages.push_back({label, Change::kRemoved, p->version, "", {p->stored_bytes, 0}});
    else if (it->second->version != p->version)
      out.packages.push_back({label, Change::kChanged, p->version, it->second->version,
                              {p->stored_bytes, it->second->stored_bytes}});
  }
  for (const auto& [label, p] : pb)
    if (!pa.count(label)) out.packages.push_back({label, Change::kAdded, "", p->version, {0, p->stored_bytes}});
  std::stable_sort(out.packages.begin(), out.packages.end(), [](const auto& x, const auto& y) {
    return abs_delta(x.stored) != abs_delta(y.stored) ? abs_delta(x.stored) > abs_delta(y.stored) : x.label < y.label;
  });
  std::map<std::string, Totals> cats;
  for (const auto& c : a.categories) cats[c.name].a = c.stored_bytes;
  for (const auto& c : b.categories) cats[c.name].b = c.stored_bytes;
  for (const auto& [name, t] : cats)
    if (t.delta() != 0) out.categories.emplace_back(name, t);
  std::stable_sort(out.categories.begin(), out.categories.end(),
                   [](const auto& x, const auto& y) { return abs_delta(x.second) > abs_delta(y.second); });
}

void diff_files(const ImageSnapshot& a, const ImageSnapshot& b, const DiffOptions& o, ImageDiff& out) {
  const context::Matcher ignore = context::Matcher::from_patterns(o.ignore);
  auto ignored = [&](const std::string& path) {
    return !ignore.empty() && ignore.matches_or_parent_matches(std::string_view(path).substr(1)).excluded;
  };
  // Each side's visible files by path: one per path (the merged
  // filesystem's), so a sorted vector is the ordered map without its nodes.
  auto visible_by_path = [](const ImageSnapshot& s) {
    std::vector<std::pair<std::string_view, const SnapshotEntry*>> v;
    v.reserve(s.entries.size());
    for (const auto& e : s.entries)
      if (e.visible) v.emplace_back(e.path, &e);
    std::stable_sort(v.begin(), v.end(), [](const auto& x, const auto& y) { return x.first < y.first; });
    // A path twice (a hand-edited report): the later entry, as a map would keep.
    std::size_t out = 0;
    for (std::size_t i = 0; i < v.size(); ++i) {
      if (out > 0 && v[out - 1].first == v[i].first) v[out - 1] = v[i];
      else v[out++] = v[i];
    }
    v.resize(out);
    return v;
  };
  const auto fa = visible_by_path(a);
  const auto fb = visible_by_path(b);
  auto push = [&](FileChange c) {
    if (ignored(c.path)) ++out.files_ignored;
    else out.files.push_back(std::move(c));
  };
  auto ia = fa.begin();
  auto ib = fb.begin();
  while (ia != fa.end() || ib != fb.end()) {
    if (ib == fb.end() || (ia != fa.end() && ia->first < ib->first)) {
      const SnapshotEntry& e = *ia->second;
      push({e.path, Change::kRemoved, false, false, false, e.size, 0, e.mode, 0, e.uid, 0, e.gid, 0});
      ++ia;
    } else if (ia == fa.end() || ib->first < ia->first) {
      const SnapshotEntry& e = *ib->second;
      push({e.path, Change::kAdded, false, false, false, 0, e.size, 0, e.mode, 0, e.uid, 0, e.gid});
      ++ib;
    } else {
      const SnapshotEntry& x = *ia->second;
      const SnapshotEntry& y = *ib->second;
      FileChange c{x.path, Change::kChanged, false, false, false, x.size, y.size, x.mode, y.mode,
                   x.uid, y.uid, x.gid, y.gid};
      if (x.size != y.size) c.content = true;
      else if (x.size > 0 && x.hash && y.hash) c.content = *x.hash != *y.hash;
      else if (x.size > 0) out.files_by_size_only = true;
      c.mode = (x.mode & 07777) != (y.mode & 07777);
      c.owner = x.uid != y.uid || x.gid != y.gid;
      if (c.content || c.mode || c.owner) push(std::move(c));
      ++ia;
      ++ib;
    }
  }
}

void diff_list(const std::string& field, const std::vector<std::string>& a, const std::vector<std::string>& b,
               ImageDiff& out) {
  if (a == b) return;
  auto join = [](const std::vector<std::string>& v) {
    std::string s = "[";
    for (std::size_t i = 0; i < v.size(); ++i) s += (i ? ", \"" : "\"") + v[i] + "\"";
    return s + "]";
  };
  out.config.push_back({field, "", a.empty() ? Change::kAdded : b.empty() ? Change::kRemoved : Change::kChanged,
                        a.empty() ? "" : join(a), b.empty() ? "" : join(b)});
}

void diff_map(const std::string& field, const std::map<std::string, std::string>& a,
              const std::map<std::string, std::string>& b, ImageDiff& out) {
  for (const auto& [k, v] : a) {
    auto it = b.find(k);
    if (it == b.end()) out.config.push_back({field, k, Change::kRemoved, v, ""});
    else if (it->second != v) out.config.push_back({field, k, Change::kChanged, v, it->second});
  }
  for (const auto& [k, v] : b)
    if (!a.count(k)) out.config.push_back({field, k, Change::kAdded, "", v});
}

std::map<std::string, std::string> env_map(const std::vector<std::string>& env) {
  std::map<std::string, std::string> m;
  for (const auto& e : env) {
    const auto eq = e.find('=');
    m[e.substr(0, eq)] = eq == std::string::npos ? "" : e.substr(eq + 1);
  }
  return m;
}

std::map<std::string, std::string> set_map(const std::vector<std::string>& v) {
  std::map<std::string, std::string> m;
  for (const auto& x : v) m[x] = x;
  return m;
}

void diff_config(const analysis::SnapshotConfig& a, const analysis::SnapshotConfig& b, ImageDiff& out) {
  diff_map("env", env_map(a.env), env_map(b.env), out);
  diff_list("entrypoint", a.entrypoint, b.entrypoint, out);
  diff_list("cmd", a.cmd, b.cmd, out);
  if (a.user != b.user)
    out.config.push_back({"user", "", a.user.empty() ? Change::kAdded : b.user.empty() ? Change::kRemoved : Change::kChanged,
                          a.user, b.user});
  if (a.working_dir != b.working_dir)
    out.config.push_back({"working_dir", "",
                          a.working_dir.empty() ? Change::kAdded : b.working_dir.empty() ? Change::kRemoved : Change::kChanged,
                          a.working_dir, b.working_dir});
  diff_map("exposed_ports", set_map(a.exposed_ports), set_map(b.exposed_ports), out);
  diff_map("labels", a.labels, b.labels, out);
}

std::string finding_key(const model::Finding& f) {
  std::string k = f.id;
  for (const auto& p : f.paths) k += "\n" + p;
  return k;
}

void diff_findings(const ImageSnapshot& a, const ImageSnapshot& b, ImageDiff& out) {
  std::map<std::string, const model::Finding*> fa, fb;
  for (const auto& f : a.findings) fa.emplace(finding_key(f), &f);
  for (const auto& f : b.findings) fb.emplace(finding_key(f), &f);
  std::vector<FindingChange> added, fixed;
  for (const auto& [k, f] : fb)
    if (!fa.count(k)) added.push_back({false, *f});
  for (const auto& [k, f] : fa)
    if (!fb.count(k)) fixed.push_back({true, *f});
  auto by_bytes = [](const FindingChange& x, const FindingChange& y) {
    return x.finding.bytes_saved != y.finding.bytes_saved ? x.finding.bytes_saved > y.finding.bytes_saved
                                                          : x.finding.id < y.finding.id;
  };
  std::stable_sort(added.begin(), added.end(), by_bytes);
  std::stable_sort(fixed.begin(), fixed.end(), by_bytes);
  out.findings = std::move(added);
  out.findings.insert(out.findings.end(), fixed.begin(), fixed.end());
}

}  // namespace

std::string_view to_string(Change c) {
  switch (c) {
    case Change::kAdded: return "added";
    case Change::kRemoved: return "removed";
    case Change::kChanged: return "changed";
  }
  return "";
}

ImageDiff diff_images(const ImageSnapshot& a, const ImageSnapshot& b, const DiffOptions& o) {
  ImageDiff out;
  out.a = a.source;
  out.b = b.source;
  out.name_a = a.name;
  out.name_b = b.name;
  out.stored = {a.stored_bytes, b.stored_bytes};
  out.final = {a.final_bytes, b.final_bytes};
  out.compressed = {a.compressed_bytes, b.compressed_bytes};
  out.layers = {a.layers.size(), b.layers.size()};
  out.reclaimable = {a.reclaimable_bytes, b.reclaimable_bytes};
  diff_layers(a, b, out);
  if (o.cost) out.cost = cost::compare(analysis::snapshot_cost(a, *o.cost), analysis::snapshot_cost(b, *o.cost));

  const bool entries = a.has_entries && b.has_entries;
  if (!o.dimensions.empty()) {
    if (!entries) {
      const std::string& which = a.has_entries ? b.source : a.source;
      throw InputError(which + ": a saved report needs its file entries for -d (write it with `ballast analyze "
                               "--format json --files`)");
    }
    const Keys ka(a), kb(b);
    std::vector<Record> records;
    records.reserve(a.entries.size() + b.entries.size());
    for (const auto& e : a.entries) records.push_back({&e, false});
    for (const auto& e : b.entries) records.push_back({&e, true});
    out.tree.name = "TOTAL";
    for (const Record& r : records) TreeBuilder::add(out.tree, r);
    TreeBuilder(ka, kb, o).split(out.tree, records, 0);
    out.has_tree = true;
    for (Dimension d : o.dimensions) out.dimension_names.emplace_back(attribution::to_string(d));
  }
  out.attributed = a.attributed && b.attributed;
  if (out.attributed) diff_packages(a, b, out);
  out.has_files = entries;
  if (entries) diff_files(a, b, o, out);
  diff_config(a.config, b.config, out);
  out.has_findings = a.has_findings && b.has_findings;
  if (out.has_findings) diff_findings(a, b, out);
  return out;
}

}  // namespace ballast::diff
