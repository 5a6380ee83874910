#include "attribution/removal.h"

#include <algorithm>
#include <unordered_map>

namespace ballast::attribution {
namespace {

class Graph {
 public:
  Graph(const std::vector<Package>& packages, Manager world) : packages_(packages) {
    for (std::uint32_t i = 0; i < packages.size(); ++i) {
      const PackageInfo& info = packages[i].info;
      if (info.manager != world) continue;
      members_.push_back(i);
      by_name_.try_emplace(info.name, i);
      providers_[info.name].push_back(i);
      for (const auto& p : info.provides)
        if (p != info.name) providers_[p].push_back(i);
    }
  }

  const std::vector<std::uint32_t>& members() const { return members_; }

  const std::uint32_t* find(const std::string& name) const {
    auto it = by_name_.find(name);
    return it == by_name_.end() ? nullptr : &it->second;
  }

  // Installed packages a dependency on `name` is satisfied by.
  const std::vector<std::uint32_t>& providers(const std::string& name) const {
    static const std::vector<std::uint32_t> none;
    auto it = providers_.find(name);
    return it == providers_.end() ? none : it->second;
  }

  bool satisfied(const std::vector<std::string>& group, const std::vector<bool>& removed) const {
    for (const auto& alt : group)
      for (std::uint32_t p : providers(alt))
        if (!removed[p]) return true;
    return false;
  }

  // apt's problem resolver: what loses a hard dependency goes too.
  void remove_broken(std::vector<bool>& removed) const {
    const std::vector<bool> none(packages_.size(), false);
    for (bool grew = true; grew;) {
      grew = false;
      for (std::uint32_t i : members_) {
        if (removed[i]) continue;
        for (const auto& group : packages_[i].info.depends) {
          // A group nothing satisfied before (a database not describing
          // everything) does not make the removal break it.
          if (!satisfied(group, removed) && satisfied(group, none)) {
            removed[i] = grew = true;
            break;
          }
        }
      }
    }
  }

  // Mark and sweep over what is left: the packages nothing keeps.
  std::vector<bool> garbage(const std::vector<bool>& removed) const {
    std::vector<bool> marked(packages_.size(), false);
    std::vector<std::uint32_t> todo;
    auto mark = [&](std::uint32_t i) {
      if (removed[i] || marked[i]) return;
      marked[i] = true;
      todo.push_back(i);
    };
    for (std::uint32_t i : members_) {
      const PackageInfo& info = packages_[i].info;
      if (!info.auto_installed || info.essential || info.priority == "required") mark(i);
    }
    auto follow = [&](const std::vector<std::vector<std::string>>& groups) {
      for (const auto& group : groups)
        for (const auto& alt : group)
          for (std::uint32_t p : providers(alt)) mark(p);
    };
    while (!todo.empty()) {
      std::uint32_t i = todo.back();
      todo.pop_back();
      follow(packages_[i].info.depends);
      follow(packages_[i].info.weak_depends);
    }
    std::vector<bool> out(packages_.size(), false);
    for (std::uint32_t i : members_) out[i] = !removed[i] && !marked[i];
    return out;
  }

 private:
  const std::vector<Package>& packages_;
  std::vector<std::uint32_t> members_;
  std::unordered_map<std::string, std::uint32_t> by_name_;
  std::unordered_map<std::string, std::vector<std::uint32_t>> providers_;
};

}  // namespace

RemovalClosure removal_closure(const std::vector<Package>& packages, Manager world,
                               const std::vector<std::string>& remove) {
  RemovalClosure out;
  Graph graph(packages, world);
  std::vector<bool> removed(packages.size(), false);
  std::vector<std::uint32_t> requested;
  for (const auto& name : remove)
    if (const std::uint32_t* i = graph.find(name); i && !removed[*i]) {
      removed[*i] = true;
      requested.push_back(*i);
    }
  if (requested.empty()) return out;
  const std::vector<bool> before = graph.garbage(std::vector<bool>(packages.size(), false));
  graph.remove_broken(removed);
  const std::vector<bool> after = graph.garbage(removed);
  std::vector<std::uint32_t> rest;
  for (std::uint32_t i : graph.members()) {
    bool goes = removed[i] || (after[i] && !before[i]);
    if (goes && std::find(requested.begin(), requested.end(), i) == requested.end()) rest.push_back(i);
  }
  std::sort(rest.begin(), rest.end(),
            [&](std::uint32_t a, std::uint32_t b) { return packages[a].info.name < packages[b].info.name; });
  out.packages = requested;
  out.packages.insert(out.packages.end(), rest.begin(), rest.end());
  for (std::uint32_t i : out.packages) out.bytes += packages[i].final_bytes;
  return out;
}

}  // namespace ballast::attribution
