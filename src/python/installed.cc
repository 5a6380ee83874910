#include "python/installed.h"

#include <algorithm>
#include <set>

#include "python/package_name.h"
#include "attribution/removal.h"
#include "python/requirement.h"

namespace ballast::python {

namespace {

using Graph = std::map<std::string, std::vector<std::string>>;

std::set<std::string> closure(const Graph& graph, const std::set<std::string>& start) {
  std::set<std::string> seen;
  std::vector<std::string> todo(start.begin(), start.end());
  while (!todo.empty()) {
    std::string name = todo.back();
    todo.pop_back();
    if (!graph.count(name) || !seen.insert(name).second) continue;
    for (const auto& dep : graph.at(name)) todo.push_back(dep);
  }
  return seen;
}

}  // namespace

Graph dependency_graph(const std::vector<InstalledDistribution>& installed, const MarkerEnvironment& env) {
  Graph graph;
  for (const auto& d : installed) graph[normalize_name(d.name)];
  for (const auto& d : installed) {
    auto& deps = graph[normalize_name(d.name)];
    for (const auto& raw : d.requires_dist) {
      Requirement r;
      if (!parse_pep508(raw, r).empty()) continue;
      if (!r.marker.empty()) {
        // `extra == "x"` is unknown to the evaluator; a marker that is not
        // plainly true (or unknown without an extra) is left out.
        if (r.marker.find("extra") != std::string::npos) continue;
        if (evaluate_marker(r.marker, env) == Tri::kFalse) continue;
      }
      if (graph.count(r.normalized) && r.normalized != normalize_name(d.name)) deps.push_back(r.normalized);
    }
    std::sort(deps.begin(), deps.end());
    deps.erase(std::unique(deps.begin(), deps.end()), deps.end());
  }
  return graph;
}

namespace {

std::string world_of_label(const std::string& label) {
  if (label.starts_with("apk:")) return "apk";
  return "dpkg";
}

// The OS roots: each one's removal closure alone, and all of them together
// (per package manager) for the total.
void plan_os_removal(const std::vector<const InstalledDistribution*>& dists,
                     const std::vector<attribution::Package>* os, RemovalPlan& plan) {
  std::map<attribution::Manager, std::vector<std::string>> together;
  std::set<std::string> fallback_owners;
  for (const InstalledDistribution* d : dists) {
    std::string root = normalize_name(d->name);
    plan.world_by_root[root] = world_of_label(d->owner);
    plan.os_package_by_root[root] = d->owner;
    const attribution::Package* pkg = nullptr;
    if (os)
      for (const auto& p : *os)
        if (p.label == d->owner) pkg = &p;
    if (!pkg) {  // no OS database read: the package's own bytes
      plan.bytes_by_root[root] = d->bytes;
      plan.freed_by_root[root] = {d->owner.empty() ? root : d->owner};
      plan.freed_bytes_by_root[root] = {d->bytes};
      if (fallback_owners.insert(d->owner).second) plan.total_bytes += d->bytes;
      continue;
    }
    attribution::RemovalClosure c = attribution::removal_closure(*os, pkg->info.manager, {pkg->info.name});
    plan.bytes_by_root[root] = c.bytes;
    for (std::uint32_t i : c.packages) {
      plan.freed_by_root[root].push_back((*os)[i].label);
      plan.freed_bytes_by_root[root].push_back((*os)[i].final_bytes);
    }
    together[pkg->info.manager].push_back(pkg->info.name);
  }
  for (const auto& [manager, names] : together) plan.total_bytes += attribution::removal_closure(*os, manager, names).bytes;
}

}  // namespace

RemovalPlan plan_removal(const std::vector<InstalledDistribution>& all, const std::vector<std::string>& roots,
                         const MarkerEnvironment& env, const std::vector<attribution::Package>* os_packages) {
  RemovalPlan plan;
  // The two worlds apart: pip distributions in one graph, OS roots by closure.
  std::vector<InstalledDistribution> installed;
  std::vector<const InstalledDistribution*> os_roots;
  std::set<std::string> wanted;
  for (const auto& r : roots) wanted.insert(normalize_name(r));
  for (const auto& d : all) {
    if (!d.os_package) installed.push_back(d);
    else if (wanted.count(normalize_name(d.name))) os_roots.push_back(&d);
  }
  plan_os_removal(os_roots, os_packages, plan);

  Graph graph = dependency_graph(installed, env);
  std::map<std::string, std::uint64_t> bytes;
  for (const auto& d : installed) bytes[normalize_name(d.name)] += d.bytes;

  std::set<std::string> root_set;
  for (const auto& r : roots) {
    std::string n = normalize_name(r);
    if (graph.count(n)) root_set.insert(n);
  }
  std::set<std::string> removable = closure(graph, root_set);
  std::set<std::string> others;
  for (const auto& [name, deps] : graph) {
    if (!removable.count(name)) others.insert(name);
  }
  std::set<std::string> kept = closure(graph, others);
  std::set<std::string> freed;
  for (const auto& name : removable) {
    if (!kept.count(name)) freed.insert(name);
  }

  // Attribution: which roots reach each freed distribution (through freed ones).
  std::map<std::string, std::set<std::string>> reach;  // root -> freed names it reaches
  for (const auto& root : root_set) {
    if (!freed.count(root)) continue;
    Graph freed_graph;
    for (const auto& name : freed) {
      for (const auto& dep : graph[name]) {
        if (freed.count(dep)) freed_graph[name].push_back(dep);
      }
      freed_graph[name];
    }
    reach[root] = closure(freed_graph, {root});
  }
  for (const auto& name : freed) {
    std::string owner;
    if (root_set.count(name)) {
      owner = name;  // a root owns itself
    } else {
      for (const auto& [root, names] : reach) {
        if (!names.count(name)) continue;
        // Prefer the deepest root: one that another candidate reaches.
        if (owner.empty() || reach[owner].count(root)) owner = root;
      }
    }
    if (owner.empty()) continue;
    plan.bytes_by_root[owner] += bytes[name];
    plan.freed_by_root[owner].push_back(name);
    plan.world_by_root[owner] = "pip";
    plan.total_bytes += bytes[name];
  }
  for (auto& [root, names] : plan.freed_by_root) {
    if (plan.world_by_root[root] != "pip") continue;
    std::sort(names.begin(), names.end(), [&root = root](const std::string& a, const std::string& b) {
      if (a == root || b == root) return a == root && b != root;
      return a < b;
    });
    for (const auto& n : names) plan.freed_bytes_by_root[root].push_back(bytes[n]);
  }
  return plan;
}

}  // namespace ballast::python
