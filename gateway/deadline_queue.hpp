// Many cheap one-shot timers on one libevent timer: calls schedule deadlines by (key, generation)
// and a deadline whose generation is stale when it falls due is dropped, so cancelling is just
// bumping the generation (no per-call libevent event).
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <queue>
#include <vector>

struct event_base;
struct event;

namespace gw {

class DeadlineQueue {
public:
    using Fire = std::function<void(std::uint64_t key, std::uint64_t generation)>;
    DeadlineQueue(event_base* base, Fire fire);
    ~DeadlineQueue();
    DeadlineQueue(const DeadlineQueue&) = delete;
    DeadlineQueue& operator=(const DeadlineQueue&) = delete;

    void schedule(std::uint64_t key, std::uint64_t generation, double delay_s);
    std::size_t size() const { return heap_.size(); }

private:
    using Clock = std::chrono::steady_clock;
    struct Entry {
        Clock::time_point due;
        std::uint64_t key;
        std::uint64_t generation;
        bool operator>(const Entry& other) const { return due > other.due; }
    };
    void arm();
    static void on_timer(int, short, void* self);

    Fire fire_;
    event* timer_ = nullptr;
    std::priority_queue<Entry, std::vector<Entry>, std::greater<Entry>> heap_;
    Clock::time_point armed_for_{};
    bool armed_ = false;
};

}  // namespace gw
