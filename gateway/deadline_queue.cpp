#include "gateway/deadline_queue.hpp"

#include <event2/event.h>

#include <new>

namespace gw {

DeadlineQueue::DeadlineQueue(event_base* base, Fire fire) : fire_(std::move(fire)) {
    timer_ = event_new(base, -1, 0, &DeadlineQueue::on_timer, this);
    if (timer_ == nullptr) throw std::bad_alloc();
}

DeadlineQueue::~DeadlineQueue() { event_free(timer_); }

void DeadlineQueue::schedule(std::uint64_t key, std::uint64_t generation, double delay_s) {
    const auto due = Clock::now() + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(delay_s));
    heap_.push(Entry{due, key, generation});
    if (!armed_ || due < armed_for_) arm();
}

void DeadlineQueue::arm() {
    if (heap_.empty()) {
        event_del(timer_);
        armed_ = false;
        return;
    }
    const Clock::time_point due = heap_.top().due;
    const auto wait = std::chrono::duration_cast<std::chrono::microseconds>(due - Clock::now());
    const long us = wait.count() > 0 ? static_cast<long>(wait.count()) : 0;
    timeval tv{us / 1000000, us % 1000000};
    event_add(timer_, &tv);
    armed_for_ = due;
    armed_ = true;
}

void DeadlineQueue::on_timer(int, short, void* raw) {
    auto* self = static_cast<DeadlineQueue*>(raw);
    self->armed_ = false;
    const Clock::time_point now = Clock::now();
    // Collect first: a fired callback may schedule new deadlines.
    std::vector<Entry> due;
    while (!self->heap_.empty() && self->heap_.top().due <= now) {
        due.push_back(self->heap_.top());
        self->heap_.pop();
    }
    for (const Entry& e : due) self->fire_(e.key, e.generation);
    self->arm();  // the earliest left, whatever the callbacks scheduled
}

}  // namespace gw
