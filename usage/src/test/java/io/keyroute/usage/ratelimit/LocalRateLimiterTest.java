package io.keyroute.usage.ratelimit;

class LocalRateLimiterTest extends RateLimiterContract {
    @Override
    BucketStore open(ClockTimeMeter time) {
        return new LocalBucketStore(time, 1_000);
    }
}
