// The history renderers on runs written out here: the sparkline's levels,
// CSV quoting (RFC 4180) and the JSON fields, each value the test's own.
#include <gtest/gtest.h>

#include "report/history_report.h"

namespace ballast::testing {
namespace {

history::Run run(std::int64_t id, std::uint64_t stored) {
  history::Run r;
  r.id = id;
  r.repository = "app";
  r.tag = "1";
  r.time = 1796281248;  // 2026-12-03T07:00:48Z (date -u -d @1796281248)
  r.command = "analyze";
  r.source = "a,\"b\".tar";
  r.stored_bytes = stored;
  r.final_bytes = 5;
  r.compressed_bytes = 4;
  r.layers = 2;
  return r;
}

TEST(Sparkline, Levels) {
  EXPECT_EQ(report::sparkline({}), "");
  EXPECT_EQ(report::sparkline({5, 5, 5}), "▄▄▄");
  EXPECT_EQ(report::sparkline({0, 1, 2, 3, 4, 5, 6, 7}), "▁▂▃▄▅▆▇█");
  EXPECT_EQ(report::sparkline({100, 200}), "▁█");
  EXPECT_EQ(report::sparkline({0, 50, 100}), "▁▅█");  // 3.5 rounds up to level 4 (▅)
}

TEST(HistoryCsv, QuotedFieldsAndCategoryColumns) {
  report::HistoryView v;
  v.store = "h.db";
  v.runs = {run(1, 10), run(2, 20)};
  v.runs[0].categories = {{"caches", 3}};
  v.runs[1].categories = {{"app", 1}};
  v.runs[1].findings = {{"error", 2}, {"info", 0}, {"warning", 1}};
  v.runs[1].git_commit = "abc";
  EXPECT_EQ(report::render_history_csv(v),
            "id,time,repository,tag,digest,command,source,stored_bytes,final_bytes,compressed_"
            "bytes,layers,"
            "findings_info,findings_warning,findings_error,git_commit,result,category:app,category:"
            "caches\r\n"
            "1,2026-12-03T07:00:48Z,app,1,,analyze,\"a,\"\"b\"\".tar\",10,5,4,2,,,,,,,3\r\n"
            "2,2026-12-03T07:00:48Z,app,1,,analyze,\"a,\"\"b\"\".tar\",20,5,4,2,0,1,2,abc,,1,\r\n");
}

TEST(HistoryJson, Fields) {
  report::HistoryView v;
  v.store = "h.db";
  v.repository = "app";
  v.runs = {run(7, 10)};
  v.runs[0].findings = {{"warning", 1}};
  const auto doc = report::history_to_json(v);
  EXPECT_EQ(doc["kind"], "history");
  EXPECT_EQ(doc["store"], "h.db");
  EXPECT_EQ(doc["repository"], "app");
  EXPECT_TRUE(doc["since"].is_null());
  ASSERT_EQ(doc["runs"].size(), 1u);
  const auto& r = doc["runs"][0];
  EXPECT_EQ(r["id"], 7);
  EXPECT_EQ(r["time"], "2026-12-03T07:00:48Z");
  EXPECT_EQ(r["time_unix"], 1796281248);
  EXPECT_EQ(r["stored_bytes"], 10);
  EXPECT_TRUE(r["digest"].is_null());
  EXPECT_TRUE(r["categories"].is_null());
  EXPECT_EQ(r["findings"]["warning"], 1);
}

TEST(HistoryText, TableAndTrend) {
  report::HistoryView v;
  v.store = "h.db";
  v.runs = {run(1, 1000), run(2, 1500), run(3, 2000)};
  const std::string out = report::render_history_text(v, true);
  EXPECT_NE(out.find("app — 3 runs"), std::string::npos) << out;
  EXPECT_NE(out.find("stored ▁▅█  1000 → 2000 (+1000, +100.0%)"), std::string::npos) << out;
  EXPECT_NE(out.find("+500"), std::string::npos) << out;
  v.runs.clear();
  EXPECT_EQ(report::render_history_text(v, true), "no recorded runs in h.db\n");
}

}  // namespace
}  // namespace ballast::testing
