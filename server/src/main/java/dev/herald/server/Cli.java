package dev.herald.server;

public final class Cli {
    public static void main(String[] args) {
        System.out.println("herald");
    }
}
