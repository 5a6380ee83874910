// Collects the malformed lines of one package database into a single
// warning naming the database, so a corrupt file costs one line of output.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace ballast::attribution {

class BadLines {
 public:
  explicit BadLines(std::string db) : db_(std::move(db)) {}
  void add(int line, std::string_view why) {
    if (count_++ == 0) {
      first_line_ = line;
      why_ = why;
    }
  }
  bool any() const { return count_ > 0; }
  void flush(std::vector<std::string>* out) const {
    if (count_ == 0 || !out) return;
    out->push_back("/" + db_ + ": line " + std::to_string(first_line_) + ": " + why_ +
                   (count_ > 1 ? " (and " + std::to_string(count_ - 1) + " more bad lines)" : "") +
                   "; the files it would own are left [unowned]");
  }

 private:
  std::string db_;
  int count_ = 0;
  int first_line_ = 0;
  std::string why_;
};

}  // namespace ballast::attribution
