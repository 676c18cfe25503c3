//===- ProgressTest.cpp - Training progress output ------------------------===//
#include "loom/Data/Progress.h"

#include "loom/Support/Error.h"

#include <gtest/gtest.h>

#include <cmath>
#include <sstream>

using namespace loom::data;

namespace {

/// Options with a clock the test sets by hand.
ProgressOptions optionsWithClock(const double &time) {
  ProgressOptions options;
  options.epochs = 2;
  options.stepsPerEpoch = 4;
  options.imagesPerStep = 10;
  options.plainEverySteps = 2;
  options.barWidth = 8;
  options.redrawSeconds = 0.1;
  options.clock = [&time] { return time; };
  return options;
}

TEST(ProgressTest, FormatsDurations) {
  EXPECT_EQ(formatDuration(0), "0:00");
  EXPECT_EQ(formatDuration(12.4), "0:12");
  EXPECT_EQ(formatDuration(75), "1:15");
  EXPECT_EQ(formatDuration(3723), "1:02:03");
  EXPECT_EQ(formatDuration(NAN), "-:--");
}

TEST(ProgressTest, TerminalRedrawsOneLineAtMostTenTimesASecond) {
  double time = 100.0;
  std::ostringstream out;
  ProgressReporter progress(out, /*isTerminal=*/true, optionsWithClock(time));
  progress.startEpoch(0);
  time = 101.0;
  progress.step(1.0);
  EXPECT_EQ(out.str(),
            "\repoch 1/2 [==>     ] 1/4 loss 1.0000 10 img/s ETA 0:03");
  time = 101.05;
  progress.step(3.0); // within 0.1 s of the last drawing: not drawn
  EXPECT_EQ(out.str(),
            "\repoch 1/2 [==>     ] 1/4 loss 1.0000 10 img/s ETA 0:03");
  out.str("");
  time = 102.0;
  progress.step(2.0);
  EXPECT_EQ(out.str(),
            "\repoch 1/2 [======> ] 3/4 loss 2.0000 15 img/s ETA 0:01");
  out.str("");
  time = 102.01; // the last step is always drawn
  progress.step(6.0);
  std::string last = "\repoch 1/2 [========] 4/4 loss 3.0000 20 img/s in 0:02";
  // The previous line was one character longer; the rest is blanked.
  EXPECT_EQ(out.str(), last + " ");
  out.str("");
  EXPECT_DOUBLE_EQ(progress.endEpoch(), 3.0);
  EXPECT_EQ(out.str(), last + "\n");
}

TEST(ProgressTest, TerminalMessagesDoNotGarbleTheBar) {
  double time = 0.0;
  std::ostringstream out;
  ProgressReporter progress(out, /*isTerminal=*/true, optionsWithClock(time));
  progress.startEpoch(1);
  time = 2.0;
  progress.step(0.5);
  out.str("");
  progress.message("test loss 0.4");
  std::string bar = "epoch 2/2 [==>     ] 1/4 loss 0.5000 5 img/s ETA 0:06";
  EXPECT_EQ(out.str(),
            "\r" + std::string(bar.size(), ' ') + "\rtest loss 0.4\n\r" + bar);
}

TEST(ProgressTest, PlainOutputPrintsWholeLines) {
  double time = 10.0;
  std::ostringstream out;
  ProgressReporter progress(out, /*isTerminal=*/false, optionsWithClock(time));
  progress.startEpoch(0);
  for (double loss : {4.0, 2.0, 1.0}) {
    time += 0.5;
    progress.step(loss);
  }
  time += 0.5;
  progress.step(1.0, /*images=*/2); // a short last batch
  progress.endEpoch();
  progress.message("test accuracy 0.81");
  EXPECT_EQ(out.str(), "epoch 1/2 step 2/4 loss 3.0000 20 img/s ETA 0:01\n"
                       "epoch 1/2 done 4 steps loss 2.0000 16 img/s in 0:02\n"
                       "test accuracy 0.81\n");
  EXPECT_EQ(out.str().find('\r'), std::string::npos);
}

TEST(ProgressTest, RejectsEmptyWork) {
  std::ostringstream out;
  ProgressOptions options;
  options.stepsPerEpoch = 0;
  EXPECT_THROW(ProgressReporter(out, false, options), loom::Error);
}

} // namespace
