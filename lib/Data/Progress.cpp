//===- Progress.cpp - Training progress -----------------------------------===//
#include "loom/Data/Progress.h"

#include "loom/Support/Error.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <iostream>
#include <unistd.h>

namespace loom::data {
namespace {

std::string formatNumber(const char *format, double value) {
  char text[64];
  std::snprintf(text, sizeof(text), format, value);
  return text;
}

} // namespace

std::string formatDuration(double seconds) {
  if (!std::isfinite(seconds) || seconds < 0)
    return "-:--";
  int64_t total = static_cast<int64_t>(std::lround(seconds));
  int64_t hours = total / 3600, minutes = total / 60 % 60, rest = total % 60;
  char text[32];
  if (hours > 0)
    std::snprintf(text, sizeof(text), "%lld:%02lld:%02lld", (long long)hours,
                  (long long)minutes, (long long)rest);
  else
    std::snprintf(text, sizeof(text), "%lld:%02lld", (long long)minutes,
                  (long long)rest);
  return text;
}

ProgressReporter::ProgressReporter(std::ostream &out, bool isTerminal,
                                   ProgressOptions options)
    : out(out), isTerminal(isTerminal), options(std::move(options)) {
  if (this->options.epochs <= 0 || this->options.stepsPerEpoch <= 0 ||
      this->options.imagesPerStep <= 0)
    throw Error(ErrorKind::InvalidArgument, "progress needs positive epochs, steps per epoch and images "
                "per step, got " +
                std::to_string(this->options.epochs) + ", " +
                std::to_string(this->options.stepsPerEpoch) + ", " +
                std::to_string(this->options.imagesPerStep));
  this->options.plainEverySteps =
      std::max<int64_t>(1, this->options.plainEverySteps);
  this->options.barWidth = std::max<int64_t>(1, this->options.barWidth);
  if (!this->options.clock)
    this->options.clock = [] {
      return std::chrono::duration<double>(
                 std::chrono::steady_clock::now().time_since_epoch())
          .count();
    };
}

ProgressReporter ProgressReporter::toStdout(ProgressOptions options) {
  return ProgressReporter(std::cout, isatty(STDOUT_FILENO) != 0,
                          std::move(options));
}

double ProgressReporter::now() const { return options.clock(); }

std::string ProgressReporter::rateText(double elapsed) const {
  if (elapsed <= 0)
    return "";
  std::string text = " ";
  text += formatNumber("%.0f", imagesSeen / elapsed);
  text += " img/s";
  return text;
}

void ProgressReporter::startEpoch(int64_t epochIndex) {
  clearBar();
  epoch = epochIndex;
  steps = 0;
  imagesSeen = 0;
  lossSum = 0.0;
  epochStart = now();
  lastDraw = epochStart;
}

std::string ProgressReporter::statusText(bool withBar) const {
  std::string text = "epoch " + std::to_string(epoch + 1) + "/" +
                     std::to_string(options.epochs) + " ";
  std::string position =
      std::to_string(steps) + "/" + std::to_string(options.stepsPerEpoch);
  if (withBar) {
    int64_t filled = std::min(options.barWidth,
                              steps * options.barWidth / options.stepsPerEpoch);
    std::string bar(static_cast<size_t>(filled), '=');
    if (filled < options.barWidth)
      bar += '>';
    bar.resize(static_cast<size_t>(options.barWidth), ' ');
    text += "[" + bar + "] " + position;
  } else {
    text += "step " + position;
  }
  double elapsed = now() - epochStart;
  text += " loss ";
  text += formatNumber("%.4f", steps ? lossSum / steps : 0.0);
  text += rateText(elapsed);
  if (steps >= options.stepsPerEpoch)
    return text + " in " + formatDuration(elapsed);
  double remaining =
      steps ? elapsed / steps * (options.stepsPerEpoch - steps) : NAN;
  return text + " ETA " + formatDuration(remaining);
}

void ProgressReporter::drawBar() {
  std::string line = statusText(/*withBar=*/true);
  size_t width = line.size();
  // Blank out what is left of a longer previous line.
  if (width < drawnWidth)
    line.append(drawnWidth - width, ' ');
  out << '\r' << line << std::flush;
  drawnWidth = width;
  lastDraw = now();
}

void ProgressReporter::clearBar() {
  if (!isTerminal || drawnWidth == 0)
    return;
  out << '\r' << std::string(drawnWidth, ' ') << '\r' << std::flush;
  drawnWidth = 0;
}

void ProgressReporter::step(double loss) { step(loss, options.imagesPerStep); }

void ProgressReporter::step(double loss, int64_t images) {
  ++steps;
  imagesSeen += images;
  lossSum += loss;
  if (isTerminal) {
    if (steps == 1 || steps >= options.stepsPerEpoch ||
        now() - lastDraw >= options.redrawSeconds)
      drawBar();
    return;
  }
  if (steps % options.plainEverySteps == 0 && steps < options.stepsPerEpoch)
    out << statusText(/*withBar=*/false) << '\n' << std::flush;
}

double ProgressReporter::endEpoch() {
  double elapsed = now() - epochStart;
  double meanLoss = steps ? lossSum / steps : 0.0;
  if (isTerminal) {
    drawBar();
    out << '\n' << std::flush;
    drawnWidth = 0;
    return meanLoss;
  }
  std::string text = "epoch " + std::to_string(epoch + 1) + "/" +
                     std::to_string(options.epochs) + " done " +
                     std::to_string(steps) + " steps loss " +
                     formatNumber("%.4f", meanLoss);
  text += rateText(elapsed);
  out << text << " in " << formatDuration(elapsed) << '\n' << std::flush;
  return meanLoss;
}

void ProgressReporter::message(const std::string &text) {
  bool barShown = isTerminal && drawnWidth > 0;
  clearBar();
  out << text << '\n' << std::flush;
  if (barShown)
    drawBar();
}

} // namespace loom::data
