// An ordered set of variables (ARG/ENV) as the shell lexer reads them. Small
// and flat on purpose: Dockerfile environments hold a handful of entries.
// Copies share their entries until one of them changes (copy-on-write), so
// the stage model's snapshot per instruction costs a reference count.
// "Set but empty" and "unset" are different (${v-w} vs ${v:-w}).
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace ballast::dockerfile {

class Env {
 public:
  Env() = default;
  Env(std::initializer_list<std::pair<std::string, std::string>> init);

  // nullptr when unset. Keys are case-sensitive (BuildKit on Unix).
  const std::string* get(std::string_view key) const;
  bool contains(std::string_view key) const { return get(key) != nullptr; }
  void set(std::string_view key, std::string_view value);
  void unset(std::string_view key);

  // In first-set order.
  using Entries = std::vector<std::pair<std::string, std::string>>;
  const Entries& entries() const;
  std::size_t size() const { return entries_ ? entries_->size() : 0; }
  bool empty() const { return size() == 0; }

 private:
  Entries& mutable_entries();  // unshares first

  std::shared_ptr<Entries> entries_;
};

}  // namespace ballast::dockerfile
