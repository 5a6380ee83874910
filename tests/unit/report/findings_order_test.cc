// Issue 23: "an error never hides behind --top". The expected order is
// written by hand from the rule (errors, warnings, info; each by bytes saved),
// on the shape of the reported case: a 141-byte leaked key (error) among
// megabytes of cache findings (warnings).
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "attribution/findings.h"
#include "context/analysis.h"
#include "python/deps_analysis.h"
#include "report/breakdown_text.h"
#include "report/context_report.h"
#include "report/deps_text.h"
#include "report/findings_order.h"

namespace ballast::report {
namespace {

model::Finding finding(std::string id, model::Severity s, std::uint64_t bytes) {
  model::Finding f;
  f.id = std::move(id);
  f.severity = s;
  f.message = "m";
  f.fix = "x";
  f.bytes_saved = bytes;
  return f;
}

// Twelve findings in the producer's order (most bytes first): ten caches,
// an info note and, near the end, the key.
std::vector<model::Finding> leaked_key_among_caches() {
  std::vector<model::Finding> v;
  for (int i = 0; i < 10; ++i)
    v.push_back(finding("cache" + std::to_string(i), model::Severity::kWarning, 10'000'000 - i * 100'000));
  v.push_back(finding("note", model::Severity::kInfo, 5'000'000));
  v.push_back(finding("key", model::Severity::kError, 141));
  v.push_back(finding("key2", model::Severity::kError, 2'000));
  return v;
}

std::vector<std::string> ids(const std::vector<const model::Finding*>& v) {
  std::vector<std::string> out;
  for (const auto* f : v) out.push_back(f->id);
  return out;
}

TEST(FindingsOrder, ErrorsThenWarningsThenInfoEachByBytesSaved) {
  auto v = leaked_key_among_caches();
  std::vector<std::string> expected = {"key2",   "key",    "cache0", "cache1", "cache2", "cache3", "cache4",
                                       "cache5", "cache6", "cache7", "cache8", "cache9", "note"};
  EXPECT_EQ(ids(order_for_display(v)), expected);
}

TEST(FindingsOrder, TopNeverFoldsAnErrorAndCountsOnlyFoldedOthers) {
  auto v = leaked_key_among_caches();
  FindingsFold fold = fold_findings(v, 3);
  EXPECT_EQ(ids(fold.shown), (std::vector<std::string>{"key2", "key", "cache0", "cache1", "cache2"}));
  EXPECT_EQ(fold.folded, 8u);  // cache3..cache9 and the note
  // Positive control: a limit larger than the list folds nothing.
  FindingsFold all = fold_findings(v, 100);
  EXPECT_EQ(all.shown.size(), v.size());
  EXPECT_EQ(all.folded, 0u);
  // A limit of 0 still shows every error.
  EXPECT_EQ(ids(fold_findings(v, 0).shown), (std::vector<std::string>{"key2", "key"}));
}

TEST(FindingsOrder, AnalyzeTextShowsTheKeyFirstAndCountsTheRest) {
  attribution::WasteReport w;
  w.findings = leaked_key_among_caches();
  std::string text = render_findings_text(w, 10, true);
  ASSERT_NE(text.find("key:"), std::string::npos) << text;
  EXPECT_LT(text.find("key2:"), text.find("cache0:"));
  EXPECT_LT(text.find("key:"), text.find("cache0:"));
  EXPECT_EQ(text.find("note:"), std::string::npos);  // the 11th non-error is folded
  EXPECT_NE(text.find("  ... 1 more finding (--top)\n"), std::string::npos) << text;
  EXPECT_NE(render_findings_text(w, 8, true).find("  ... 3 more findings (--top)\n"), std::string::npos);
  EXPECT_EQ(render_findings_text(w, 11, true).find("more finding"), std::string::npos);
}

TEST(FindingsOrder, ContextAndDepsTextPutErrorsFirst) {
  context::ContextReport c;
  c.findings = {finding("info1", model::Severity::kInfo, 9), finding("warn1", model::Severity::kWarning, 5),
                finding("err1", model::Severity::kError, 0)};
  std::string ct = render_context_text(c, true);
  ASSERT_NE(ct.find("info1"), std::string::npos) << ct;
  EXPECT_LT(ct.find("err1"), ct.find("warn1"));
  EXPECT_LT(ct.find("warn1"), ct.find("info1"));

  python::DepsReport d;
  d.findings = c.findings;
  std::string dt = render_deps_text(d);
  ASSERT_NE(dt.find("info1"), std::string::npos) << dt;
  EXPECT_LT(dt.find("err1"), dt.find("warn1"));
  EXPECT_LT(dt.find("warn1"), dt.find("info1"));
}

}  // namespace
}  // namespace ballast::report
