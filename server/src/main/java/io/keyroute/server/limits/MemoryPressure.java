package io.keyroute.server.limits;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;

/**
 * Whether the heap is nearly full even right after a garbage collection, so new requests are shed
 * (503 {@code overloaded}) before memory runs out rather than the process stopping on
 * {@code OutOfMemoryError}: read from each collection's notification, the heap used after it against
 * the maximum. Shedding starts past {@link #HIGH} and stops once a collection leaves less than
 * {@link #LOW}, so it does not flap. A request pays one volatile read.
 */
public final class MemoryPressure {
    /** Used after a collection, of the maximum heap, past which new requests are shed. */
    static final double HIGH = 0.90;
    /** Used after a collection, of the maximum heap, below which they are served again. */
    static final double LOW = 0.75;
    private static final MemoryPressure THIS_JVM = watching();

    private volatile boolean shedding;

    MemoryPressure() {
    }

    /** The process's one watcher (collections are the process's, whatever number of gateways it runs). */
    public static MemoryPressure ofThisJvm() {
        return THIS_JVM;
    }

    /** Whether new requests are shed now. */
    public boolean shedding() {
        return shedding;
    }

    /** What a collection left: {@code used} heap bytes of {@code max}. */
    void afterCollection(long used, long max) {
        double share = (double) used / max;
        if (share > HIGH) {
            shedding = true;
        } else if (share < LOW) {
            shedding = false;
        }
    }

    private static MemoryPressure watching() {
        var pressure = new MemoryPressure();
        Set<String> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(pool -> pool.getType() == MemoryType.HEAP).map(MemoryPoolMXBean::getName)
                .collect(Collectors.toUnmodifiableSet());
        long max = Runtime.getRuntime().maxMemory();
        for (var collector : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (collector instanceof NotificationEmitter emitter) {
                emitter.addNotificationListener((notification, handback) -> {
                    if (GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
                        var info = GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
                        pressure.afterCollection(heapUsed(info.getGcInfo().getMemoryUsageAfterGc(), heapPools), max);
                    }
                }, null, null);
            }
        }
        return pressure;
    }

    private static long heapUsed(Map<String, MemoryUsage> after, Set<String> heapPools) {
        long used = 0;
        for (var pool : after.entrySet()) {
            if (heapPools.contains(pool.getKey())) {
                used += pool.getValue().getUsed();
            }
        }
        return used;
    }
}
