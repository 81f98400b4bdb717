package dev.herald.server.cli.ratify;

import dev.herald.ratify.DelegationCert;
import dev.herald.ratify.HybridPublicKey;
import dev.herald.ratify.KeyPairFile;
import dev.herald.ratify.RatifyDecodeException;
import dev.herald.ratify.RatifyJson;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;

/** Reading and writing the files the {@code ratify} commands exchange, with one-line errors. */
final class RatifyFiles {
    static final int EXIT_INVALID = 1;
    static final int EXIT_USAGE = 2;

    private RatifyFiles() {}

    /** Runs a command body, turning unusable input into a one-line message and exit code 2. */
    static int run(CommandSpec spec, Callable<Integer> body) throws Exception {
        try {
            return body.call();
        } catch (CliInputException e) {
            PrintWriter err = spec.commandLine().getErr();
            err.println("herald ratify " + spec.name() + ": " + e.getMessage());
            err.flush();
            return EXIT_USAGE;
        }
    }

    static byte[] read(Path file, String what) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new CliInputException("cannot read " + what + " " + file + ": " + describe(e));
        }
    }

    static KeyPairFile readKeyPair(Path file) {
        try {
            return RatifyJson.decodeKeyPairFile(read(file, "key file"));
        } catch (RatifyDecodeException e) {
            throw new CliInputException(file + " is not a Ratify key file: " + e.getMessage());
        }
    }

    /** A subject's public key from a key-pair file or a public-key file ({@code {"ed25519":..,"ml_dsa_65":..}}). */
    static HybridPublicKey readPublicKey(Path file) {
        byte[] bytes = read(file, "public key");
        try {
            return RatifyJson.decodeKeyPairFile(bytes).keyPair().publicKey();
        } catch (RatifyDecodeException notKeyPair) {
            try {
                return RatifyJson.decodePublicKey(bytes);
            } catch (RatifyDecodeException e) {
                throw new CliInputException(file + " is neither a key file nor a public key: " + e.getMessage());
            }
        }
    }

    static DelegationCert readCert(Path file) {
        try {
            return RatifyJson.decodeDelegationCert(read(file, "cert"));
        } catch (RatifyDecodeException e) {
            throw new CliInputException(file + " is not a delegation cert: " + e.getMessage());
        }
    }

    static byte[] base64(String value, String option) {
        try {
            return Base64.getDecoder().decode(value.trim());
        } catch (IllegalArgumentException e) {
            throw new CliInputException(option + " is not valid base64: " + e.getMessage());
        }
    }

    /** Writes a private key file readable only by its owner; never overwrites unless asked. */
    static void writeSecret(Path file, byte[] content, boolean force) {
        try {
            if (force) {
                Files.deleteIfExists(file);
            }
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } else {
                Files.createFile(file);
            }
            Files.write(file, content, StandardOpenOption.TRUNCATE_EXISTING);
        } catch (FileAlreadyExistsException e) {
            throw new CliInputException(file + " already exists (use --force to replace it)");
        } catch (IOException e) {
            throw new CliInputException("cannot write " + file + ": " + describe(e));
        }
    }

    /** Writes a public document to {@code file}, or to standard output when {@code file} is null. */
    static void writePublic(Path file, byte[] content, PrintWriter out) {
        if (file == null) {
            out.println(new String(content, StandardCharsets.UTF_8));
            out.flush();
            return;
        }
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.write(file, content);
        } catch (IOException e) {
            throw new CliInputException("cannot write " + file + ": " + describe(e));
        }
    }

    private static String describe(IOException e) {
        String name = e.getClass().getSimpleName();
        return switch (name) {
            case "NoSuchFileException" -> "no such file";
            case "AccessDeniedException" -> "permission denied";
            default -> e.getMessage() == null ? name : e.getMessage();
        };
    }
}
