package dev.comms.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;

/** Builds a class loader whose META-INF/services lists the given provider classes. */
public final class Discovery {
    private Discovery() {
    }

    /**
     * @param dir a temporary directory
     * @param classes provider classes to register
     * @return a loader that finds them through ServiceLoader
     */
    public static ClassLoader withProviders(Path dir, Class<?>... classes) {
        try {
            Path services = dir.resolve("META-INF/services");
            Files.createDirectories(services);
            StringBuilder sb = new StringBuilder();
            for (Class<?> c : classes) {
                sb.append(c.getName()).append('\n');
            }
            Files.writeString(services.resolve("dev.comms.spi.CommsProvider"), sb.toString());
            return new URLClassLoader(new URL[] {dir.toUri().toURL()}, Discovery.class.getClassLoader());
        } catch (MalformedURLException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
