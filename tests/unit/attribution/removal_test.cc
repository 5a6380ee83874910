// The removal closure (apt-get remove --autoremove semantics) over
// hand-written dpkg status files, apt extended_states and apk databases.
// Every expected list below is worked out by hand from apt's rules
// (removal.h): what breaks goes, then what no root still reaches goes.
#include <gtest/gtest.h>

#include <algorithm>

#include "attribution/apk_db.h"
#include "attribution/dpkg_db.h"
#include "attribution/removal.h"
#include "fixture.h"

namespace ballast::attribution {
namespace {

// One status paragraph: "name" installed with the given extra fields.
std::string pkg(const std::string& name, const std::string& fields = "") {
  return "Package: " + name + "\nStatus: install ok installed\nPriority: optional\nVersion: 1\n" + fields + "\n";
}

// Packages as attribution makes them: each one's final bytes are 1 << its
// index, so a byte total names exactly which packages it sums.
std::vector<Package> packages(const std::string& status, const std::string& extended_states) {
  ParsedDb db = parse_dpkg_status(status, "var/lib/dpkg/status");
  EXPECT_TRUE(db.warnings.empty());
  std::vector<std::string> auto_marked = parse_apt_auto_installed(extended_states);
  std::vector<Package> out;
  for (auto& p : db.packages) {
    Package q;
    q.info = p.info;
    q.info.auto_installed = std::binary_search(auto_marked.begin(), auto_marked.end(), q.info.name);
    q.label = "deb:" + q.info.name;
    q.final_bytes = std::uint64_t{1} << out.size();
    out.push_back(std::move(q));
  }
  return out;
}

std::string autos(const std::vector<std::string>& names) {
  std::string out;
  for (const auto& n : names) out += "Package: " + n + "\nArchitecture: amd64\nAuto-Installed: 1\n\n";
  return out;
}

std::vector<std::string> names(const std::vector<Package>& all, const RemovalClosure& c) {
  std::vector<std::string> out;
  for (auto i : c.packages) out.push_back(all[i].info.name);
  return out;
}

std::vector<std::string> remove(const std::vector<Package>& all, const std::string& name) {
  RemovalClosure c = removal_closure(all, Manager::kDpkg, {name});
  std::uint64_t bytes = 0;
  for (auto i : c.packages) bytes += all[i].final_bytes;
  EXPECT_EQ(c.bytes, bytes);
  return names(all, c);
}

using Names = std::vector<std::string>;

TEST(Relations, GroupsAlternativesAndQualifiers) {
  EXPECT_EQ(parse_dpkg_relations("libc6 (>= 2.34), python3:any, gpgv | gpgv2 (>> 1) | gpgv1, foo [amd64] <!nocheck>"),
            (std::vector<Names>{{"libc6"}, {"python3"}, {"gpgv", "gpgv2", "gpgv1"}, {"foo"}}));
  EXPECT_TRUE(parse_dpkg_relations("").empty());
  EXPECT_EQ(parse_apt_auto_installed("Package: a\nArchitecture: amd64\nAuto-Installed: 1\n\n"
                                     "Package: b\nArchitecture: amd64\nAuto-Installed: 0\n\n"
                                     "Package: c\nAuto-Installed: 1\n"),
            (Names{"a", "c"}));
}

TEST(Removal, DependenciesOnlyItNeeded) {
  // app (manual) -> liba -> libc; libc is also needed by tool (manual).
  auto all = packages(pkg("app", "Depends: liba (>= 1)\n") + pkg("liba", "Depends: libc\n") + pkg("libc") +
                          pkg("tool", "Depends: libc\n"),
                      autos({"liba", "libc"}));
  EXPECT_EQ(remove(all, "app"), (Names{"app", "liba"}));
  EXPECT_EQ(removal_closure(all, Manager::kDpkg, {"app"}).bytes, 1u + 2u);
  EXPECT_TRUE(removal_closure(all, Manager::kDpkg, {"not-installed"}).packages.empty());
}

TEST(Removal, ManualDependencyStays) {
  // liba is manual (not in extended_states): removing app leaves it, and
  // what it needs.
  auto all = packages(pkg("app", "Depends: liba\n") + pkg("liba", "Depends: libc\n") + pkg("libc"), autos({"libc"}));
  EXPECT_EQ(remove(all, "app"), (Names{"app"}));
}

TEST(Removal, EverythingNotMarkedAutoIsManual) {
  // No extended_states at all: nothing is auto, so only the package goes.
  auto all = packages(pkg("app", "Depends: liba\n") + pkg("liba"), "");
  EXPECT_EQ(remove(all, "app"), (Names{"app"}));
}

TEST(Removal, EveryInstalledAlternativeIsKeptByASurvivor) {
  // app: "x | y"; keep (manual): "y | z". apt marks every installed
  // alternative of a kept package's dependency, so y and z stay, x goes.
  auto all = packages(pkg("app", "Depends: x | y\n") + pkg("x") + pkg("y") + pkg("z") + pkg("keep", "Depends: y | z\n"),
                      autos({"x", "y", "z"}));
  EXPECT_EQ(remove(all, "app"), (Names{"app", "x"}));
  // Removing keep instead: z goes; y stays (app still follows "x | y").
  EXPECT_EQ(remove(all, "keep"), (Names{"keep", "z"}));
}

TEST(Removal, VirtualPackages) {
  // app needs mail-transport-agent, which exim provides; exim needs
  // libdb. cron also wants an MTA when kept.
  std::string status = pkg("app", "Depends: mail-transport-agent\n") +
                       pkg("exim", "Provides: mail-transport-agent, exim4-base (= 4)\nDepends: libdb\n") + pkg("libdb");
  auto all = packages(status, autos({"exim", "libdb"}));
  EXPECT_EQ(remove(all, "app"), (Names{"app", "exim", "libdb"}));
  auto with_cron = packages(status + pkg("cron", "Recommends: mail-transport-agent\n"), autos({"exim", "libdb"}));
  EXPECT_EQ(remove(with_cron, "app"), (Names{"app"}));
}

TEST(Removal, WhatBreaksGoesToo) {
  // Removing libx breaks app (manual, Depends: libx) and plugin
  // (Pre-Depends: app); app's other dependency libz is auto: it goes.
  // viewer can use libx or liby: liby stays, so viewer stays.
  auto all = packages(pkg("libx") + pkg("app", "Depends: libx, libz\n") + pkg("libz") +
                          pkg("plugin", "Pre-Depends: app\n") + pkg("liby") + pkg("viewer", "Depends: libx | liby\n"),
                      autos({"libz", "liby"}));
  EXPECT_EQ(remove(all, "libx"), (Names{"libx", "app", "libz", "plugin"}));
}

TEST(Removal, PreDependsKeepsLikeDepends) {
  auto all = packages(pkg("app", "Pre-Depends: init-helper\n") + pkg("init-helper") +
                          pkg("other", "Pre-Depends: init-helper\n"),
                      autos({"init-helper"}));
  EXPECT_EQ(remove(all, "app"), (Names{"app"}));
  EXPECT_EQ(removal_closure(all, Manager::kDpkg, {"app", "other"}).packages.size(), 3u);
}

TEST(Removal, RecommendsWhenInstalled) {
  // app recommends docs (installed, auto) and extras (not installed).
  // Removing app frees docs; extras is not there to free.
  auto all = packages(pkg("app", "Recommends: docs, extras\nSuggests: manual-pages\n") + pkg("docs") +
                          pkg("manual-pages"),
                      autos({"docs", "manual-pages"}));
  EXPECT_EQ(remove(all, "app"), (Names{"app", "docs", "manual-pages"}));
  // A kept package's Recommends (and Suggests) keep an installed package.
  auto kept = packages(pkg("app", "Recommends: docs\n") + pkg("docs") + pkg("shell", "Suggests: docs\n"), autos({"docs"}));
  EXPECT_EQ(remove(kept, "app"), (Names{"app"}));
}

TEST(Removal, Cycles) {
  // app -> a -> b -> a (a and b auto): all three go; the cycle alone does
  // not keep itself.
  auto all = packages(pkg("app", "Depends: a\n") + pkg("a", "Depends: b\n") + pkg("b", "Depends: a\n"), autos({"a", "b"}));
  EXPECT_EQ(remove(all, "app"), (Names{"app", "a", "b"}));
  // Removing a member of a cycle: the other breaks and goes, and app with it.
  EXPECT_EQ(remove(all, "b"), (Names{"b", "a", "app"}));
}

TEST(Removal, EssentialRequiredAndHeldStay) {
  auto all = packages(pkg("app", "Depends: ess, req, held, plain\n") + pkg("ess", "Essential: yes\n") +
                          "Package: req\nStatus: install ok installed\nPriority: required\n\n" +
                          "Package: held\nStatus: hold ok installed\n\n" + pkg("plain"),
                      autos({"ess", "req", "held", "plain"}));
  EXPECT_EQ(remove(all, "app"), (Names{"app", "plain"}));
}

TEST(Removal, GarbageFromBeforeIsNotThePackagesPrice) {
  // orphan is auto and nothing needs it: `apt-get autoremove` would take it
  // anyway, so it is not part of what removing app frees.
  auto all = packages(pkg("app", "Depends: lib\n") + pkg("lib") + pkg("orphan"), autos({"lib", "orphan"}));
  EXPECT_EQ(remove(all, "app"), (Names{"app", "lib"}));
}

TEST(Removal, ApkWorldAndSonameProvides) {
  // curl (in world) -> libcurl via so:, libcurl -> so:libz (zlib). zlib is
  // also needed by busybox (in world).
  ParsedDb db = parse_apk_installed(
      "P:curl\nV:8\nD:so:libcurl.so.4 so:libc.musl-x86_64.so.1 !curl-doc\n\n"
      "P:libcurl\nV:8\np:so:libcurl.so.4=4.8.0\nD:so:libz.so.1 ca-certificates-bundle>=2023\n\n"
      "P:ca-certificates-bundle\nV:2023\n\n"
      "P:zlib\nV:1.3\np:so:libz.so.1=1.3\n\n"
      "P:musl\nV:1.2\np:so:libc.musl-x86_64.so.1=1\n\n"
      "P:busybox\nV:1.36\nD:so:libz.so.1 so:libc.musl-x86_64.so.1\n\n",
      "lib/apk/db/installed");
  std::vector<std::string> world = apk_names("busybox\ncurl>=8\nmusl@main\n");
  std::sort(world.begin(), world.end());
  std::vector<Package> all;
  for (auto& p : db.packages) {
    Package q;
    q.info = p.info;
    q.info.auto_installed = !std::binary_search(world.begin(), world.end(), q.info.name);
    all.push_back(std::move(q));
  }
  EXPECT_EQ(names(all, removal_closure(all, Manager::kApk, {"curl"})), (Names{"curl", "ca-certificates-bundle", "libcurl"}));
  // The dpkg world does not see apk packages.
  EXPECT_TRUE(removal_closure(all, Manager::kDpkg, {"curl"}).packages.empty());
}

// Read from an image: the auto marks are the last layer's extended_states
// (apt-mark manual in a later layer wins), the bytes the final files'.
TEST(Removal, FromAnImagesDatabases) {
  using writer::file_entry;
  const std::string status = pkg("app", "Depends: lib, tool\n") + pkg("lib") + pkg("tool");
  testing::Analyzed a = testing::analyze_layers(
      {testing::layer({file_entry("var/lib/dpkg/status", status),
                       file_entry("var/lib/dpkg/info/app.list", "/usr/bin/app\n"),
                       file_entry("var/lib/dpkg/info/lib.list", "/usr/lib/liba.so\n"),
                       file_entry("var/lib/dpkg/info/tool.list", "/usr/bin/tool\n"),
                       file_entry("usr/bin/app", std::string(100, 'a')), file_entry("usr/lib/liba.so", std::string(30, 'l')),
                       file_entry("usr/bin/tool", std::string(7, 't')),
                       file_entry("var/lib/apt/extended_states", autos({"lib", "tool"}))}),
       testing::layer({file_entry("var/lib/apt/extended_states", autos({"lib"}))})});
  RemovalClosure c = removal_closure(a.attribution.packages, Manager::kDpkg, {"app"});
  EXPECT_EQ(names(a.attribution.packages, c), (Names{"app", "lib"}));
  EXPECT_EQ(c.bytes, 130u);

  testing::Analyzed apk = testing::analyze_layers({testing::layer(
      {file_entry("lib/apk/db/installed", "P:curl\nV:8\nD:so:libcurl.so.4\nF:usr/bin\nR:curl\n\n"
                                          "P:libcurl\nV:8\np:so:libcurl.so.4=4\nF:usr/lib\nR:libcurl.so.4\n\n"),
       file_entry("etc/apk/world", "curl\n"), file_entry("usr/bin/curl", std::string(10, 'c')),
       file_entry("usr/lib/libcurl.so.4", std::string(20, 'l'))})});
  RemovalClosure ac = removal_closure(apk.attribution.packages, Manager::kApk, {"curl"});
  EXPECT_EQ(names(apk.attribution.packages, ac), (Names{"curl", "libcurl"}));
  EXPECT_EQ(ac.bytes, 30u);
}

}  // namespace
}  // namespace ballast::attribution
