//===- Progress.h - Training progress on a terminal or in a log -*- C++ -*-===//
//
// On a terminal, one line redrawn in place (at most every `redrawSeconds`):
//
//   epoch 1/5 [=====>              ] 123/468 loss 0.0213 1234 img/s ETA 0:12
//
// Otherwise (a pipe, a log file) plain lines every `plainEverySteps` steps and
// one at the end of each epoch, so logs stay readable:
//
//   epoch 1/5 step 100/468 loss 0.0213 1234 img/s ETA 0:12
//   epoch 1/5 done 468 steps loss 0.0205 1250 img/s in 0:37
//
// The loss shown is the mean over the epoch so far. The output stream, the
// terminal flag and the clock are injectable so the output can be tested.
//
//===----------------------------------------------------------------------===//
#ifndef LOOM_DATA_PROGRESS_H
#define LOOM_DATA_PROGRESS_H

#include <cstdint>
#include <functional>
#include <ostream>
#include <string>

namespace loom::data {

struct ProgressOptions {
  int64_t epochs = 1;
  int64_t stepsPerEpoch = 1;
  /// Images per step, for the images/s figure.
  int64_t imagesPerStep = 1;
  /// Steps between plain lines when not on a terminal.
  int64_t plainEverySteps = 100;
  double redrawSeconds = 0.1;
  int64_t barWidth = 30;
  /// Seconds from any fixed origin; a steady clock unless replaced.
  std::function<double()> clock;
};

/// "0:07", "12:34" or "1:02:03".
std::string formatDuration(double seconds);

class ProgressReporter {
public:
  /// Throws loom::Error when epochs, steps or images per step are not
  /// positive.
  ProgressReporter(std::ostream &out, bool isTerminal, ProgressOptions options);
  /// Reports to standard output, as a live bar when it is a terminal.
  static ProgressReporter toStdout(ProgressOptions options);

  /// Starts epoch `epochIndex` (counting from 0; shown counting from 1).
  void startEpoch(int64_t epochIndex);
  /// Records one finished training step of `imagesPerStep` images.
  void step(double loss);
  /// The same for a step of `images` images, e.g. a short last batch.
  void step(double loss, int64_t images);
  /// Ends the epoch with a summary line; returns the epoch's mean loss.
  double endEpoch();
  /// Prints a whole line (e.g. test results) without garbling the bar.
  void message(const std::string &text);

private:
  double now() const;
  std::string statusText(bool withBar) const;
  /// " 1234 img/s" over `elapsed` seconds, or nothing before time has passed.
  std::string rateText(double elapsed) const;
  void drawBar();
  void clearBar();

  std::ostream &out;
  bool isTerminal;
  ProgressOptions options;
  int64_t epoch = 0;
  int64_t steps = 0;
  int64_t imagesSeen = 0;
  double lossSum = 0.0;
  double epochStart = 0.0;
  double lastDraw = 0.0;
  size_t drawnWidth = 0;
};

} // namespace loom::data

#endif
