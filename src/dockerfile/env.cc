#include "dockerfile/env.h"

#include <algorithm>

namespace ballast::dockerfile {

Env::Env(std::initializer_list<std::pair<std::string, std::string>> init) {
  for (const auto& [key, value] : init) set(key, value);
}

const Env::Entries& Env::entries() const {
  static const Entries kEmpty;
  return entries_ ? *entries_ : kEmpty;
}

Env::Entries& Env::mutable_entries() {
  if (!entries_) {
    entries_ = std::make_shared<Entries>();
  } else if (entries_.use_count() > 1) {
    entries_ = std::make_shared<Entries>(*entries_);
  }
  return *entries_;
}

const std::string* Env::get(std::string_view key) const {
  if (!entries_) return nullptr;
  for (const auto& entry : *entries_) {
    if (entry.first == key) return &entry.second;
  }
  return nullptr;
}

void Env::set(std::string_view key, std::string_view value) {
  if (const std::string* current = get(key); current != nullptr && *current == value) return;
  Entries& entries = mutable_entries();
  for (auto& entry : entries) {
    if (entry.first == key) {
      entry.second.assign(value);
      return;
    }
  }
  entries.emplace_back(std::string(key), std::string(value));
}

void Env::unset(std::string_view key) {
  if (get(key) == nullptr) return;
  std::erase_if(mutable_entries(), [&](const auto& entry) { return entry.first == key; });
}

}  // namespace ballast::dockerfile
