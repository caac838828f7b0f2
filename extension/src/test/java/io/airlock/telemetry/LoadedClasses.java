package io.airlock.telemetry;

import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.List;
import javax.management.ObjectName;

/** The classes this JVM has loaded whose names start with a prefix, from the JVM's own list (jcmd VM.class_hierarchy). */
public final class LoadedClasses {

    private LoadedClasses() {
    }

    public static List<String> named(String prefix) {
        try {
            String hierarchy = (String) ManagementFactory.getPlatformMBeanServer().invoke(new ObjectName("com.sun.management:type=DiagnosticCommand"),
                    "vmClassHierarchy", new Object[] {null}, new String[] {String[].class.getName()});
            return Arrays.stream(hierarchy.split("\n")).map(line -> line.replaceAll("^[|\\s-]*", "").split("/")[0].trim())
                    .filter(name -> name.startsWith(prefix)).distinct().toList();
        } catch (Exception unavailable) {
            throw new AssertionError("the JVM's class list cannot be read", unavailable);
        }
    }
}
