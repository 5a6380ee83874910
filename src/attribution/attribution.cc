#include "attribution/attribution.h"

#include <algorithm>
#include <deque>
#include <map>
#include <optional>
#include <unordered_map>
#include <unordered_set>

#include "attribution/apk_db.h"
#include "attribution/conda_db.h"
#include "attribution/db_files.h"
#include "attribution/dpkg_db.h"
#include "attribution/node_db.h"
#include "attribution/path_util.h"
#include "attribution/python_db.h"
#include "attribution/text_lines.h"
#include "image/created_by.h"

namespace ballast::attribution {
namespace {

using image::EntryRef;
using image::EntryType;
using image::ImageModel;

struct StringHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};
// Keys point into the parsed databases (cache_) or into aliases_: no string
// is copied when the index is rebuilt.
using PathIndex = std::unordered_map<std::string_view, std::uint32_t, StringHash>;

std::uint64_t key(EntryRef r) { return (static_cast<std::uint64_t>(r.layer) << 32) | r.entry; }

struct DbFile {
  DbKind kind = DbKind::kNone;
  EntryRef ref;
};

// What one database file says, parsed once however many layers see it.
struct ParsedFile {
  ParsedDb db;                     // dpkg status, status.d, apk
  std::vector<std::string> paths;  // dpkg .list / md5sums, egg installed-files (as written)
  std::vector<RecordRow> record;
  CoreMetadata metadata;
  PackageFiles package;            // node, conda
  std::vector<std::string> files;  // RECORD / installed-files / top_level.txt as image paths
  std::vector<std::string> names;  // extended_states' auto-installed packages, apk's world
  bool read = false;               // contents were captured
};

class Engine {
 public:
  Engine(const ImageModel& m, const AttributionOptions& o, Attribution& out) : m_(m), o_(o), out_(out) {}

  void run() {
    const int layers = static_cast<int>(m_.layers.size());
    out_.categories = std::make_unique<CategoryTable>(o_.extra_rules);
    out_.base_layers = o_.base_layers >= 0 ? std::min(o_.base_layers, layers) : guess_base_layers(m_);
    out_.copy_layers.assign(layers, false);
    for (const auto& h : m_.history) {
      if (h.layer < out_.base_layers) continue;
      std::string instr = image::instruction_from_created_by(h.entry.created_by);
      out_.copy_layers[h.layer] = instr.starts_with("COPY ") || instr.starts_with("ADD ");
    }
    workdir_ = m_.config.working_dir;
    while (workdir_.starts_with('/')) workdir_.erase(0, 1);
    while (workdir_.ends_with('/')) workdir_.pop_back();
    collect_beside_files();
    out_.owner.resize(layers);
    out_.category.resize(layers);
    for (int l = 0; l < layers; ++l) {
      layer_ = l;
      if (apply_layer(l)) rebuild_index();
      attribute_layer(l);
    }
    // The last rebuild saw the final databases.
    for (std::uint32_t id = 0; id < out_.packages.size(); ++id)
      out_.packages[id].installed = id < listed_.size() && listed_[id] == generation_;
    mark_visible();
    for (int l = 0; l < layers; ++l) {
      const auto& entries = m_.tables[l].entries();
      for (std::uint32_t i = 0; i < entries.size(); ++i) {
        std::uint32_t o = out_.owner[l][i];
        if (o == kUnowned || entries[i].type != EntryType::kFile) continue;
        Package& p = out_.packages[o];
        p.stored_bytes += entries[i].size;
        if (out_.visible[l][i]) p.final_bytes += entries[i].size;
        ++p.files;
      }
    }
    for (const auto& [path, db] : dbs_seen_) out_.databases.push_back(path);
  }

 private:
  // Applies layer l's changes to the visible databases and symlinks; true
  // when the databases changed.
  bool apply_layer(int l) {
    bool changed = false;
    const image::LayerTable& t = m_.tables[l];
    const auto& entries = t.entries();
    auto erase_under = [&](auto& map, std::string_view p, bool include_self, bool dbs) {
      std::string prefix = std::string(p) + "/";
      if (include_self) {
        auto it = map.find(p);
        if (it != map.end() && (!dbs || layer_of(it->second) < l)) {
          map.erase(it);
          changed |= dbs;
        }
      }
      for (auto it = map.lower_bound(prefix); it != map.end() && it->first.starts_with(prefix);) {
        if (!dbs || layer_of(it->second) < l) {
          it = map.erase(it);
          changed |= dbs;
        } else {
          ++it;
        }
      }
    };
    for (std::uint32_t i = 0; i < entries.size(); ++i) {
      const image::TarEntry& e = entries[i];
      std::string_view p = t.path(e);
      if (e.type == EntryType::kWhiteout || e.type == EntryType::kOpaque) resolved_dirs_.clear();
      if (e.type == EntryType::kWhiteout) {
        erase_under(dbs_, p, true, true);
        erase_under(symlinks_, p, true, false);
        continue;
      }
      if (e.type == EntryType::kOpaque) {
        erase_under(dbs_, p, false, true);
        erase_under(symlinks_, p, false, false);
        continue;
      }
      if (e.type == EntryType::kSymlink) {
        symlinks_[std::string(p)] = std::string(t.link(e));
        resolved_dirs_.clear();
      } else if (!symlinks_.empty()) {
        if (auto it = symlinks_.find(p); it != symlinks_.end()) {
          symlinks_.erase(it);
          resolved_dirs_.clear();
        }
      }
      if (e.type != EntryType::kFile && e.type != EntryType::kHardlink) {
        if (auto it = dbs_.find(p); it != dbs_.end()) {
          dbs_.erase(it);
          changed = true;
        }
        continue;
      }
      DbKind kind = db_kind(p);
      if (kind == DbKind::kNone) continue;
      dbs_[std::string(p)] = DbFile{kind, EntryRef{l, i}};
      dbs_seen_[std::string(p)] = true;
      changed = true;
    }
    return changed;
  }

  static int layer_of(const DbFile& f) { return f.ref.layer; }
  static int layer_of(const std::string&) { return -1; }  // symlinks: always replaced

  const ParsedFile& parsed(const std::string& path, const DbFile& f) {
    auto [it, inserted] = cache_.try_emplace(key(f.ref));
    ParsedFile& pf = it->second;
    if (!inserted) return pf;
    const image::TarEntry& e = m_.entry(f.ref);
    const std::string* text = m_.captured_contents(f.ref);
    if (!text) {
      if (e.type == EntryType::kFile && f.kind != DbKind::kNodePackageJson)
        out_.warnings.push_back("/" + path + ": " + std::to_string(e.size) + " bytes, over the " +
                                std::to_string(db_size_limit(f.kind) >> 20) +
                                " MiB limit for this database: not read; the files it lists are left [unowned]");
      if (f.kind == DbKind::kNodePackageJson) pf.package = parse_node_package(path, nullptr, &out_.warnings);
      return pf;
    }
    pf.read = true;
    switch (f.kind) {
      case DbKind::kDpkgStatus:
      case DbKind::kDpkgStatusD: pf.db = parse_dpkg_status(*text, path); break;
      case DbKind::kApkInstalled: pf.db = parse_apk_installed(*text, path); break;
      case DbKind::kDpkgList: pf.paths = parse_dpkg_list(*text, path, &out_.warnings); break;
      case DbKind::kDpkgMd5sums: pf.paths = parse_dpkg_md5sums(*text, path, &out_.warnings); break;
      case DbKind::kEggInstalledFiles:
        for_each_line(*text, [&](std::string_view line, int) {
          line = trim(line);
          if (line.empty() || line.size() > kMaxLineLength) return;
          if (auto p = join_image_path(parent_dir(path), line)) pf.files.push_back(std::move(*p));
        });
        break;
      case DbKind::kPyRecord: {
        pf.record = parse_record(*text, path, &out_.warnings);
        std::string_view site = parent_dir(parent_dir(path));
        for (const auto& row : pf.record)
          if (auto p = join_image_path(site, row.path)) pf.files.push_back(std::move(*p));
        break;
      }
      case DbKind::kPyMetadata: pf.metadata = parse_core_metadata(*text); break;
      case DbKind::kPyTopLevel:
        for_each_line(*text, [&](std::string_view line, int) {
          line = trim(line);
          if (!line.empty() && line.size() < 256 && line.find("..") == std::string_view::npos)
            if (auto d = join_image_path(parent_dir(parent_dir(path)), line)) pf.files.push_back(std::move(*d));
        });
        break;
      case DbKind::kNodePackageJson: pf.package = parse_node_package(path, text, &out_.warnings); break;
      case DbKind::kCondaMeta: pf.package = parse_conda_meta(path, *text, &out_.warnings); break;
      case DbKind::kAptExtendedStates: pf.names = parse_apt_auto_installed(*text); break;
      case DbKind::kApkWorld:
        pf.names = apk_names(*text);
        std::sort(pf.names.begin(), pf.names.end());
        break;
      case DbKind::kEggRequires:  // read by python_distributions()
      case DbKind::kNone: break;
    }
    for (auto& w : pf.db.warnings) out_.warnings.push_back(std::move(w));
    pf.db.warnings.clear();
    return pf;
  }

  std::uint32_t package_id(const PackageInfo& info) {
    std::string k = std::string(to_string(info.manager)) + '\0' + info.name;
    auto [it, inserted] = ids_.try_emplace(k, static_cast<std::uint32_t>(out_.packages.size()));
    if (inserted) {
      Package p;
      p.info = info;
      p.label = std::string(label_prefix(info.manager)) + info.name;
      p.added_layer = layer_;
      out_.packages.push_back(std::move(p));
    } else {
      PackageInfo& cur = out_.packages[it->second].info;
      // A later database (an upgrade) updates what is known; keep known fields.
      std::uint64_t size = cur.declared_size;
      std::string section = cur.section, priority = cur.priority, arch = cur.architecture;
      std::vector<std::string> licenses = cur.licenses;
      cur = info;
      if (!cur.declared_size) cur.declared_size = size;
      if (cur.architecture.empty()) cur.architecture = arch;
      if (cur.licenses.empty()) cur.licenses = std::move(licenses);
      if (cur.section.empty()) cur.section = section;
      if (cur.priority.empty()) cur.priority = priority;
    }
    return it->second;
  }

  // package_id() of a package the current databases list as installed.
  std::uint32_t listed_id(const PackageInfo& info) {
    std::uint32_t id = package_id(info);
    if (listed_.size() <= id) listed_.resize(id + 1, 0);
    listed_[id] = generation_;
    return id;
  }

  // The physical path of a database path whose directories may be symlinks
  // (merged /usr: dpkg lists /bin/ls, the layer stores usr/bin/ls).
  std::string resolve(const std::string& path) {
    if (symlinks_.empty()) return path;
    std::string_view dir = parent_dir(path);
    if (dir.empty()) return path;
    auto [it, inserted] = resolved_dirs_.try_emplace(std::string(dir));
    if (inserted) it->second = resolve_dir(std::string(dir));
    return it->second + "/" + std::string(base_name(path));
  }

  std::string resolve_dir(std::string dir) {
    for (int hops = 0; hops < 40; ++hops) {
      bool replaced = false;
      // Check each prefix, shortest first.
      for (std::size_t pos = 0; pos <= dir.size(); ++pos) {
        if (pos != dir.size() && dir[pos] != '/') continue;
        std::string_view prefix(dir.data(), pos);
        auto it = symlinks_.find(prefix);
        if (it == symlinks_.end()) continue;
        std::string rest = dir.substr(pos);
        auto target = join_image_path(parent_dir(prefix), it->second);
        if (!target) return dir;
        dir = *target + rest;
        replaced = true;
        break;
      }
      if (!replaced) return dir;
    }
    return dir;
  }

  void claim(PathIndex& index, const std::string& path, std::uint32_t id, bool take_over = false) {
    auto put = [&](std::string_view p) {
      if (take_over) index.insert_or_assign(p, id);
      else index.try_emplace(p, id);
    };
    put(path);
    if (!symlinks_.empty()) {
      std::string physical = resolve(path);
      if (physical != path) put(aliases_.emplace_back(std::move(physical)));
    }
  }

  std::string sibling_db(std::string_view dir, std::string_view name) const {
    return std::string(dir) + "/" + std::string(name);
  }

  void rebuild_index() {
    const std::size_t previous = exact_.size();
    ++generation_;
    exact_.clear();
    dirs_.clear();
    aliases_.clear();
    exact_.reserve(previous);
    // The OS databases first (dpkg before apk). Then language-level file
    // lists, which take over the paths they list (a pip install over a
    // Debian package's files owns them now) -- unless the list itself is a
    // file of an OS package (Debian's python3-* ship their dist-info with a
    // RECORD): then it describes the OS package's own files.
    add_dpkg();
    const std::vector<std::string>* world = names_of(DbKind::kApkWorld);
    for (const auto& [path, f] : dbs_)
      if (f.kind == DbKind::kApkInstalled)
        for (const auto& pkg : parsed(path, f).db.packages) {
          PackageInfo info = pkg.info;
          // apk keeps what the world file names (and what that needs); without
          // a world file every package counts as asked for.
          info.auto_installed = world && !std::binary_search(world->begin(), world->end(), info.name);
          std::uint32_t id = listed_id(info);
          for (const auto& file : pkg.files) claim(exact_, file, id);
        }
    for (const auto& [path, f] : dbs_) {
      if ((f.kind == DbKind::kPyRecord || f.kind == DbKind::kEggInstalledFiles) && !exact_.contains(path))
        add_python_dist(path, f);
      if (f.kind == DbKind::kCondaMeta && !exact_.contains(path)) {
        const ParsedFile& pf = parsed(path, f);
        if (pf.package.info.name.empty()) continue;
        std::uint32_t id = listed_id(pf.package.info);
        for (const auto& file : pf.package.files) claim(exact_, file, id, true);
      }
      if (f.kind == DbKind::kNodePackageJson) {
        const ParsedFile& pf = parsed(path, f);
        std::uint32_t id = listed_id(pf.package.info);
        for (const auto& d : pf.package.dirs) dirs_.try_emplace(d, id);
      }
    }
  }

  PackageInfo python_info(std::string_view dist_dir) {
    PackageInfo info;
    info.manager = Manager::kPython;
    auto [name, version] = split_dist_dir_name(base_name(dist_dir));
    info.name = name;
    info.version = version;
    std::string md_path = sibling_db(dist_dir, dist_dir.ends_with(".egg-info") ? "PKG-INFO" : "METADATA");
    if (auto it = dbs_.find(md_path); it != dbs_.end()) {
      const ParsedFile& md = parsed(it->first, it->second);
      if (!md.metadata.name.empty()) info.name = md.metadata.name;
      if (!md.metadata.version.empty()) info.version = md.metadata.version;
      info.requires_dist = md.metadata.requires_dist;
      info.licenses = md.metadata.licenses();
    }
    info.name = normalize_dist_name(info.name);
    return info;
  }

  void add_top_level_dirs(std::string_view dist_dir, std::uint32_t id) {
    dirs_.try_emplace(dist_dir, id);
    if (auto it = dbs_.find(sibling_db(dist_dir, "top_level.txt")); it != dbs_.end())
      for (const auto& d : parsed(it->first, it->second).files) dirs_.try_emplace(d, id);
  }

  // A RECORD or an installed-files.txt: its file list (joined to image
  // paths when parsed) plus the distribution's directories.
  void add_python_dist(const std::string& path, const DbFile& f) {
    const ParsedFile& pf = parsed(path, f);
    if (!pf.read) return;
    std::string_view dist_dir = parent_dir(path);
    PackageInfo info = python_info(dist_dir);
    info.database = path;
    std::uint32_t id = listed_id(info);
    for (const auto& p : pf.files) claim(exact_, p, id, true);
    add_top_level_dirs(dist_dir, id);
  }

  // The sorted names of the visible database of `kind` (extended_states,
  // apk world), or nullptr when the image has none.
  const std::vector<std::string>* names_of(DbKind kind) {
    for (const auto& [path, f] : dbs_)
      if (f.kind == kind) {
        const ParsedFile& pf = parsed(path, f);
        if (!pf.read) return nullptr;
        return &pf.names;
      }
    return nullptr;
  }

  void add_dpkg() {
    // Package facts from status (or status.d), files from info/*.list (or
    // status.d/*.md5sums), apt's auto marks from extended_states.
    std::unordered_map<std::string, PackageInfo> infos;
    const std::vector<std::string>* auto_marked = names_of(DbKind::kAptExtendedStates);
    for (const auto& [path, f] : dbs_) {
      if (f.kind != DbKind::kDpkgStatus && f.kind != DbKind::kDpkgStatusD) continue;
      for (const auto& pkg : parsed(path, f).db.packages) {
        PackageInfo& info = infos[pkg.info.name] = pkg.info;
        info.auto_installed =
            auto_marked && std::binary_search(auto_marked->begin(), auto_marked->end(), info.name);
      }
    }
    for (const auto& [path, f] : dbs_) {
      if (f.kind != DbKind::kDpkgList && f.kind != DbKind::kDpkgMd5sums) continue;
      const ParsedFile& pf = parsed(path, f);
      std::string name = dpkg_package_of_list(path);
      PackageInfo info;
      bool in_status = false;
      if (auto it = infos.find(name); it != infos.end()) {
        info = it->second;
        in_status = true;
      } else {
        info.manager = Manager::kDpkg;
        info.name = name;
        info.database = path;
      }
      // A file list the status does not call installed (a removed package's
      // leftover) owns its paths but is not an installed package -- unless
      // there is no status to ask.
      std::uint32_t id = in_status || infos.empty() ? listed_id(info) : package_id(info);
      for (const auto& file : pf.paths) claim(exact_, file, id);
    }
    // Packages the status lists without a file list still exist (and are
    // reported with 0 bytes).
    for (const auto& [name, info] : infos) listed_id(info);
  }

  std::uint32_t lookup(std::string_view path) const {
    if (auto it = exact_.find(path); it != exact_.end()) return it->second;
    // Bytecode compiled after installation (Debian's py3compile, first
    // import) belongs to the owner of its source: D/__pycache__/N.TAG.pyc -> D/N.py.
    std::string_view dir = parent_dir(path);
    if (base_name(dir) == "__pycache__" && path.ends_with(".pyc")) {
      std::string_view name = base_name(path);
      std::size_t dot = name.find('.');
      std::string source = std::string(parent_dir(dir)) + "/" + std::string(name.substr(0, dot)) + ".py";
      if (auto it = exact_.find(source); it != exact_.end()) return it->second;
    }
    if (!dirs_.empty())
      for (std::string_view d = dir; !d.empty(); d = parent_dir(d))
        if (auto it = dirs_.find(d); it != dirs_.end()) return it->second;
    return kUnowned;
  }

  // The files `beside` conditions look for (config.json beside model
  // weights), from every layer: a directory that ever held one is where the
  // weights were saved, whether or not a later layer deleted it.
  void collect_beside_files() {
    const auto& names = out_.categories->beside_names();
    if (names.empty()) return;
    for (const auto& t : m_.tables)
      for (const auto& e : t.entries()) {
        if (e.type != EntryType::kFile) continue;
        std::string_view p = t.path(e);
        std::string_view base = base_name(p);
        for (const auto& n : names)
          if (base == n) beside_files_.emplace(p);
      }
  }

  void attribute_layer(int l) {
    const image::LayerTable& t = m_.tables[l];
    const auto& entries = t.entries();
    auto& owners = out_.owner[l];
    auto& cats = out_.category[l];
    owners.assign(entries.size(), kUnowned);
    const std::uint16_t unknown = out_.categories->id("unknown");
    cats.assign(entries.size(), unknown);
    FileFacts facts;
    facts.base_layer = l < out_.base_layers;
    facts.copy_layer = out_.copy_layers[l];
    facts.beside_files = &beside_files_;
    for (std::uint32_t i = 0; i < entries.size(); ++i) {
      const image::TarEntry& e = entries[i];
      if (e.type != EntryType::kFile) continue;
      std::string_view p = t.path(e);
      std::uint32_t o = lookup(p);
      owners[i] = o;
      facts.path = p;
      facts.package = o == kUnowned ? nullptr : &out_.packages[o].info;
      facts.package_id = o;
      facts.in_workdir = !facts.base_layer && !workdir_.empty() && p.size() > workdir_.size() &&
                         p.starts_with(workdir_) && p[workdir_.size()] == '/';
      cats[i] = out_.categories->classify(facts);
    }
  }

  // Regular-file entries visible at the end, hardlinks resolved to the entry
  // holding the bytes (what merged_fs counts in final_bytes).
  void mark_visible() {
    const int layers = static_cast<int>(m_.layers.size());
    out_.visible.resize(layers);
    for (int l = 0; l < layers; ++l) out_.visible[l].assign(m_.tables[l].entries().size(), false);
    std::vector<std::unordered_map<std::string_view, std::uint32_t>> by_path(layers);
    auto find_in = [&](int l, std::string_view p) -> std::optional<std::uint32_t> {
      auto& index = by_path[l];
      if (index.empty())
        for (std::uint32_t i = 0; i < m_.tables[l].entries().size(); ++i)
          index[m_.tables[l].path(m_.tables[l].entries()[i])] = i;
      auto it = index.find(p);
      if (it == index.end()) return std::nullopt;
      return it->second;
    };
    for (const auto& f : m_.final_files) {
      EntryRef r = f.ref;
      for (int hops = 0; hops < 64 && r.valid(); ++hops) {
        const image::TarEntry& e = m_.entry(r);
        if (e.type == EntryType::kFile) {
          out_.visible[r.layer][r.entry] = true;
          break;
        }
        if (e.type != EntryType::kHardlink) break;
        std::string_view target = m_.tables[r.layer].link(e);
        EntryRef next;
        for (int l = r.layer; l >= 0 && !next.valid(); --l)
          if (auto i = find_in(l, target); i && (l < r.layer || *i < r.entry)) next = EntryRef{l, *i};
        r = next;
      }
    }
  }

  const ImageModel& m_;
  const AttributionOptions& o_;
  Attribution& out_;
  std::string workdir_;
  std::unordered_set<std::string> beside_files_;
  std::map<std::string, DbFile, std::less<>> dbs_;
  std::map<std::string, bool, std::less<>> dbs_seen_;
  std::map<std::string, std::string, std::less<>> symlinks_;
  std::unordered_map<std::string, std::string> resolved_dirs_;
  std::unordered_map<std::uint64_t, ParsedFile> cache_;
  std::unordered_map<std::string, std::uint32_t> ids_;
  int layer_ = 0;                     // the layer being applied
  std::uint32_t generation_ = 0;      // rebuild_index() calls so far
  std::vector<std::uint32_t> listed_;  // per package: the last generation that listed it
  std::deque<std::string> aliases_;  // symlink-resolved database paths (stable addresses)
  PathIndex exact_;
  PathIndex dirs_;
};

}  // namespace

std::uint64_t Attribution::stored_bytes(EntryRef r, const ImageModel& m) const {
  const image::TarEntry& e = m.entry(r);
  return e.type == EntryType::kFile ? e.size : 0;
}

Attribution attribute(const ImageModel& model, const AttributionOptions& options) {
  Attribution out;
  Engine(model, options, out).run();
  return out;
}

}  // namespace ballast::attribution
