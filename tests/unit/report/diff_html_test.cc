// `ballast diff --format html` on a hand-made diff: names from the images
// are text, never markup, and each number is in its cell's data attribute.
// (tests/e2e/html_test.sh compares a real diff's page with --format json.)
#include <gtest/gtest.h>

#include <string>

#include "diff/image_diff.h"
#include "report/diff_html.h"

namespace ballast::testing {
namespace {

TEST(DiffHtml, NamesAreTextAndNumbersAreInDataAttributes) {
  diff::ImageDiff d;
  d.a = "a.tar";
  d.b = "b.tar";
  d.name_b = "<script>alert(1)</script>";
  d.stored = {1000, 1500};
  d.attributed = true;
  d.packages.push_back({"deb:<img src=x onerror=alert(1)>", diff::Change::kAdded, "", "1\"2", {0, 700}});
  d.has_files = true;
  diff::FileChange f;
  f.path = "/srv/</script><!--";
  f.change = diff::Change::kRemoved;
  f.size_a = 42;
  d.files.push_back(f);
  const std::string page = report::render_diff_html(d, 10);
  EXPECT_EQ(page.find("<script"), std::string::npos);  // no script at all, not even the name
  EXPECT_EQ(page.find("<img"), std::string::npos);
  EXPECT_NE(page.find("&lt;script&gt;alert(1)&lt;/script&gt;"), std::string::npos);  // the name, as text
  EXPECT_NE(page.find("data-package=\"deb:&lt;img src=x onerror=alert(1)&gt;\""), std::string::npos);
  EXPECT_NE(page.find("data-total=\"stored_bytes\"><th>Stored</th><td class=\"num\" data-side=\"a\" data-bytes=\"1000\""),
            std::string::npos);
  EXPECT_NE(page.find("data-side=\"change\" data-delta=\"500\""), std::string::npos);
  EXPECT_NE(page.find("data-side=\"change\" data-delta=\"700\""), std::string::npos);
  EXPECT_NE(page.find("data-path=\"/srv/&lt;/script&gt;&lt;!--\" data-change=\"removed\""), std::string::npos);
  EXPECT_NE(page.find("default-src 'none'"), std::string::npos);
}

}  // namespace
}  // namespace ballast::testing
