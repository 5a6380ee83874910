#include "attribution/breakdown.h"

#include <algorithm>
#include <unordered_map>

#include "attribution/path_util.h"
#include "image/created_by.h"
#include "util/error.h"

namespace ballast::attribution {
namespace {

using image::EntryRef;

struct Record {
  EntryRef ref;
  std::uint64_t size = 0;
  bool visible = false;
};

class Builder {
 public:
  Builder(const image::ImageModel& m, const Attribution& a, const BreakdownOptions& o) : m_(m), a_(a), o_(o) {
    for (const auto& l : m.layers) {
      std::string label = "#" + std::to_string(l.index);
      if (l.history_index >= 0) {
        std::string instr = image::instruction_from_created_by(m.history[l.history_index].entry.created_by);
        for (char& c : instr)
          if (c == '\n' || c == '\t') c = ' ';
        if (instr.size() > 60) instr = instr.substr(0, 57) + "...";
        if (!instr.empty()) label += " " + instr;
      }
      layer_labels_.push_back(std::move(label));
    }
  }

  BreakdownNode run() {
    std::vector<Record> records;
    for (std::size_t l = 0; l < m_.tables.size(); ++l) {
      const auto& entries = m_.tables[l].entries();
      for (std::uint32_t i = 0; i < entries.size(); ++i)
        if (entries[i].type == image::EntryType::kFile)
          records.push_back({EntryRef{static_cast<std::int32_t>(l), i}, entries[i].size, a_.visible[l][i] != 0});
    }
    BreakdownNode root;
    root.name = "TOTAL";
    for (const auto& r : records) add(root, r);
    split(root, records, 0);
    return root;
  }

 private:
  static void add(BreakdownNode& n, const Record& r) {
    n.stored += r.size;
    if (r.visible) n.final += r.size;
    ++n.files;
  }

  std::string key(const Record& r, Dimension d) const {
    std::string_view path = m_.path(r.ref);
    switch (d) {
      case Dimension::kLayer: return layer_labels_[r.ref.layer];
      case Dimension::kCategory: return a_.category_name(r.ref);
      case Dimension::kPackage: {
        const Package* p = a_.package_of(r.ref);
        return p ? p->label : std::string(kUnownedLabel);
      }
      case Dimension::kDir: {
        std::string_view dir = parent_dir(path);
        return "/" + std::string(dir);
      }
      case Dimension::kFile: return "/" + std::string(path);
      case Dimension::kExt: {
        std::string_view ext = extension(path);
        return ext.empty() ? "[none]" : "." + std::string(ext);
      }
    }
    return {};
  }

  void split(BreakdownNode& node, const std::vector<Record>& records, std::size_t level) {
    if (level >= o_.dimensions.size() || records.empty()) return;
    Dimension d = o_.dimensions[level];
    std::unordered_map<std::string, std::size_t> index;
    std::vector<BreakdownNode> rows;
    std::vector<std::vector<Record>> members;
    for (const auto& r : records) {
      std::string k = key(r, d);
      auto [it, inserted] = index.try_emplace(std::move(k), rows.size());
      if (inserted) {
        rows.emplace_back();
        rows.back().name = it->first;
        members.emplace_back();
      }
      add(rows[it->second], r);
      members[it->second].push_back(r);
    }
    std::vector<std::size_t> order(rows.size());
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
    const bool by_final = o_.sort_by_final;
    std::sort(order.begin(), order.end(), [&](std::size_t x, std::size_t y) {
      std::uint64_t a = by_final ? rows[x].final : rows[x].stored;
      std::uint64_t b = by_final ? rows[y].final : rows[y].stored;
      if (a != b) return a > b;
      return rows[x].name < rows[y].name;
    });
    // Folding a single row would only rename it.
    std::size_t keep = order.size() <= o_.top + 1 ? order.size() : o_.top;
    BreakdownNode others;
    for (std::size_t k = 0; k < order.size(); ++k) {
      std::size_t i = order[k];
      if (k < keep) {
        split(rows[i], members[i], level + 1);
        node.children.push_back(std::move(rows[i]));
      } else {
        others.stored += rows[i].stored;
        others.final += rows[i].final;
        others.files += rows[i].files;
        ++others.folded;
      }
    }
    if (others.folded) {
      others.name = "[" + std::to_string(others.folded) + " others]";
      node.children.push_back(std::move(others));
    }
  }

  const image::ImageModel& m_;
  const Attribution& a_;
  const BreakdownOptions& o_;
  std::vector<std::string> layer_labels_;
};

}  // namespace

std::string_view to_string(Dimension d) {
  switch (d) {
    case Dimension::kLayer: return "layer";
    case Dimension::kCategory: return "category";
    case Dimension::kPackage: return "package";
    case Dimension::kDir: return "dir";
    case Dimension::kFile: return "file";
    case Dimension::kExt: return "ext";
  }
  return "";
}

std::vector<Dimension> parse_dimensions(std::string_view csv) {
  std::vector<Dimension> out;
  std::size_t start = 0;
  while (start <= csv.size()) {
    std::size_t end = csv.find(',', start);
    if (end == std::string_view::npos) end = csv.size();
    std::string_view name = csv.substr(start, end - start);
    bool found = false;
    for (Dimension d : {Dimension::kLayer, Dimension::kCategory, Dimension::kPackage, Dimension::kDir,
                        Dimension::kFile, Dimension::kExt})
      if (to_string(d) == name) {
        out.push_back(d);
        found = true;
      }
    if (!found)
      throw InputError("unknown breakdown dimension '" + std::string(name) +
                       "' (expected a comma-separated list of layer, category, package, dir, file, ext)");
    start = end + 1;
  }
  return out;
}

BreakdownNode build_breakdown(const image::ImageModel& model, const Attribution& attribution,
                              const BreakdownOptions& options) {
  return Builder(model, attribution, options).run();
}

}  // namespace ballast::attribution
