package dev.herald.server;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import com.tngtech.archunit.library.dependencies.Slice;

/**
 * The boundaries the module table in the README promises, checked on the compiled classes of every
 * module: dependencies point down (server -> governance -> platform -> libraries), no package
 * depends on itself through others, a feature is reached only through its service API, and
 * services speak the domain rather than HTTP.
 */
@AnalyzeClasses(packages = "dev.herald",
        importOptions = {ImportOption.DoNotIncludeTests.class, ArchitectureTest.NoTestJars.class})
class ArchitectureTest {
    private static final String PLATFORM = "dev.herald.platform..";
    private static final String GOVERNANCE = "dev.herald.governance..";
    private static final String VOICE = "dev.herald.voice..";
    private static final String VOICE_CORE = "dev.herald.voice.core..";
    private static final String VOICE_GOVERNED = "dev.herald.voice.governed..";
    private static final String SERVER = "dev.herald.server..";

    // One rule per module: a single rule over all of dev.herald stops reporting after the first few
    // cycles it meets. The root package of a module is its own slice ("dev.herald.server" holds the
    // composition root, which may import every feature but nothing may import it back).
    @ArchTest
    static final ArchRule platformPackagesHaveNoCycles = noCycles("platform");

    @ArchTest
    static final ArchRule governancePackagesHaveNoCycles = noCycles("governance");

    @ArchTest
    static final ArchRule serverPackagesHaveNoCycles = noCycles("server");

    @ArchTest
    static final ArchRule voicePackagesHaveNoCycles = noCycles("voice");

    @ArchTest
    static final ArchRule evidencePackagesHaveNoCycles = noCycles("evidence");

    @ArchTest
    static final ArchRule modulesHaveNoCycles = slices().matching("dev.herald.(*)..").should().beFreeOfCycles()
            .as("modules of dev.herald are free of cycles");

    @ArchTest
    static final ArchRule librariesStandAlone = noClasses()
            .that().resideInAnyPackage("dev.herald.ratify..", "dev.herald.evidence..")
            .should().dependOnClassesThat().resideInAnyPackage(PLATFORM, GOVERNANCE, VOICE, SERVER,
                    "io.javalin..", "org.jdbi..", "org.eclipse.jetty..", "java.sql..")
            .as("the Ratify and evidence libraries import no Herald module and no server framework");

    @ArchTest
    static final ArchRule platformStandsOnLibrariesOnly = noClasses()
            .that().resideInAPackage(PLATFORM)
            .should().dependOnClassesThat().resideInAnyPackage(GOVERNANCE, VOICE, SERVER)
            .as("platform depends on no feature module");

    @ArchTest
    static final ArchRule governanceDoesNotKnowTheApplication = noClasses()
            .that().resideInAPackage(GOVERNANCE)
            .should().dependOnClassesThat().resideInAnyPackage(VOICE, SERVER)
            .as("governance depends on platform and the libraries only");

    @ArchTest
    static final ArchRule voiceCoreIsPure = noClasses()
            .that().resideInAPackage(VOICE_CORE)
            .should().dependOnClassesThat().resideInAnyPackage(PLATFORM, GOVERNANCE, SERVER, "io.javalin..",
                    "org.jdbi..", "java.sql..")
            .as("the voice core depends on no Herald module, framework or database");

    @ArchTest
    static final ArchRule voiceDoesNotKnowTheApplication = noClasses()
            .that().resideInAPackage(VOICE)
            .should().dependOnClassesThat().resideInAnyPackage(SERVER)
            .as("voice depends on governance, platform and the libraries only");

    // Every voice feature is governed, but the voice module meets governance in one package: the
    // adapter that turns a call into an authorized, governed, attested realtime session.
    @ArchTest
    static final ArchRule voiceMeetsGovernanceInOnePlace = noClasses()
            .that().resideInAPackage(VOICE).and().resideOutsideOfPackages(VOICE_GOVERNED, "dev.herald.voice")
            .should().dependOnClassesThat().resideInAnyPackage(GOVERNANCE)
            .as("voice features reach governance only through dev.herald.voice.governed");

    // The session belongs to realtime. It knows no other governance feature but policy; the others
    // take part through the hooks and ports it offers, which are its API for them.
    @ArchTest
    static final ArchRule realtimeKnowsOnlyPolicy = noClasses()
            .that().resideInAPackage("dev.herald.governance.realtime..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.herald.governance.identity..",
                    "dev.herald.governance.attest..", "dev.herald.governance.platforms..")
            .as("realtime depends on no governance feature but policy");

    @ArchTest
    static final ArchRule othersReachRealtimeThroughItsHooksAndPorts = noClasses()
            // The voice module runs its calls as sessions through realtime's services, from its one adapter package.
            .that().resideOutsideOfPackages("dev.herald.governance.realtime..", SERVER, VOICE_GOVERNED, "dev.herald.voice")
            .should().dependOnClassesThat(realtimeInternals())
            .as("other features reach realtime only through its hooks and ports");

    @ArchTest
    static final ArchRule routesAreWiredOnlyByTheCompositionRoot = classes()
            .that().haveSimpleNameEndingWith("Routes").and().resideInAnyPackage(PLATFORM, GOVERNANCE, VOICE)
            .should(beReachedOnlyFromTheirPackageOr("dev.herald.server", "dev.herald.voice"))
            .as("a feature's routes are reached only by the composition root");

    @ArchTest
    static final ArchRule servicesSpeakTheDomain = noClasses()
            .that().haveSimpleNameEndingWith("Service").and().resideInAnyPackage(PLATFORM, GOVERNANCE, VOICE)
            .should().dependOnClassesThat().resideInAPackage("io.javalin..")
            .orShould().dependOnClassesThat().haveFullyQualifiedName("dev.herald.platform.http.Problems")
            .orShould().dependOnClassesThat().haveFullyQualifiedName("dev.herald.platform.http.HttpProblem")
            .orShould().dependOnClassesThat().haveFullyQualifiedName("dev.herald.platform.http.Problem")
            .orShould().dependOnClassesThat().haveFullyQualifiedName("dev.herald.platform.http.MalformedInput")
            .as("services import neither Javalin nor the HTTP problem types");

    // The MCP tools are another edge over the voice module, like its routes: they call the services the
    // composition root hands out, with the values those services take and answer, and nothing else of
    // voice (no store, no route, no internal of a feature); nor any SQL of their own.
    @ArchTest
    static final ArchRule mcpReachesVoiceOnlyThroughVoiceModule = noClasses()
            .that().resideInAPackage("dev.herald.server.mcp..")
            .should().dependOnClassesThat(outsideVoiceModuleApi())
            .orShould().dependOnClassesThat().resideInAnyPackage("org.jdbi..", "java.sql..", "dev.herald.platform.store..")
            .as("the MCP server reaches voice only through VoiceModule's services and their values, and runs no SQL");

    // The console is a client of the voice module like the API routes are: it asks VoiceModule for the
    // services and reads their records, never a table, a feature's routes or its store.
    @ArchTest
    static final ArchRule consoleReadsVoiceThroughItsServices = noClasses()
            .that().resideInAPackage("dev.herald.server.console..")
            .should().dependOnClassesThat().resideInAnyPackage("org.jdbi..", "java.sql..")
            .orShould().dependOnClassesThat().haveFullyQualifiedName("dev.herald.platform.store.Database")
            .orShould().dependOnClassesThat(outsideVoiceModuleApi())
            .as("the console reaches voice only through VoiceModule and the services and records it hands out");

    private static ArchRule noCycles(String module) {
        return slices().matching("dev.herald.(**)").namingSlices("$1")
                .that(new DescribedPredicate<Slice>("are packages of " + module) {
                    @Override
                    public boolean test(Slice slice) {
                        String name = slice.getNamePart(1);
                        return name.equals(module) || name.startsWith(module + ".");
                    }
                })
                .should().beFreeOfCycles().as("packages of " + module + " are free of cycles");
    }

    /** Realtime's API for other features: the session hooks it calls and the ports it offers. */
    private static final java.util.Set<String> REALTIME_API = java.util.Set.of("StartAuthorization", "StartRequest",
            "StartedSession", "TurnGate", "SaveCondition", "ToolCall", "ActionVerb", "SessionParties", "LiveSessions", "SealedSessions", "SealedSession");

    private static DescribedPredicate<JavaClass> realtimeInternals() {
        return new DescribedPredicate<>("are realtime internals (not its hooks or ports)") {
            @Override
            public boolean test(JavaClass c) {
                if (!c.getPackageName().equals("dev.herald.governance.realtime")) {
                    return false;
                }
                String top = c.getName().substring(c.getPackageName().length() + 1).split("\\$")[0];
                return !REALTIME_API.contains(top);
            }
        };
    }

    /**
     * Voice classes that are not the voice module's API as its composition root offers it: not
     * {@code VoiceModule}, not a service one of its accessors returns, and not a value (recursively,
     * with its nested types and record components) in such a service's public signatures, and not
     * part of the pure domain core {@code dev.herald.voice.core}.
     */
    private static DescribedPredicate<JavaClass> outsideVoiceModuleApi() {
        java.util.Set<String> api = voiceModuleApi();
        return new DescribedPredicate<>("are voice classes outside VoiceModule's services and their values") {
            @Override
            public boolean test(JavaClass c) {
                // The pure domain core (values and rules, no store, no routes) is API to every client.
                return c.getPackageName().startsWith("dev.herald.voice") && !c.getPackageName().startsWith("dev.herald.voice.core")
                        && !api.contains(c.getName());
            }
        };
    }

    private static java.util.Set<String> voiceModuleApi() {
        java.util.Set<Class<?>> api = new java.util.HashSet<>(java.util.List.of(dev.herald.voice.VoiceModule.class));
        java.util.Deque<java.lang.reflect.Type> todo = new java.util.ArrayDeque<>();
        for (java.lang.reflect.Method m : dev.herald.voice.VoiceModule.class.getMethods()) {
            if (m.getParameterCount() == 0 && m.getDeclaringClass() == dev.herald.voice.VoiceModule.class) {
                // A service: its own public signatures are the API, not what they in turn expose.
                Class<?> service = m.getReturnType();
                if (service.getPackageName().startsWith("dev.herald.voice") && api.add(service)) {
                    for (java.lang.reflect.Method sm : service.getMethods()) {
                        todo.add(sm.getGenericReturnType());
                        todo.addAll(java.util.List.of(sm.getGenericParameterTypes()));
                    }
                }
            }
        }
        while (!todo.isEmpty()) {
            java.lang.reflect.Type t = todo.pop();
            if (t instanceof java.lang.reflect.ParameterizedType p) {
                todo.add(p.getRawType());
                todo.addAll(java.util.List.of(p.getActualTypeArguments()));
            } else if (t instanceof Class<?> c && c.getPackageName().startsWith("dev.herald.voice") && api.add(c)) {
                todo.addAll(java.util.List.of(c.getDeclaredClasses()));
                if (c.isRecord()) {
                    for (var component : c.getRecordComponents()) {
                        todo.add(component.getGenericType());
                    }
                }
            }
        }
        return api.stream().map(Class::getName).collect(java.util.stream.Collectors.toSet());
    }

    /** Leaves out other modules' test jars (the evidence test-jar's conformance data reader). */
    static final class NoTestJars implements ImportOption {
        @Override
        public boolean includes(com.tngtech.archunit.core.importer.Location location) {
            return !location.contains("-tests.jar");
        }
    }

    /**
     * Every class that depends on it lives in its own package, in {@code root} or below, or in one of
     * the exact {@code compositionPackages} (a module's own composition root).
     */
    private static ArchCondition<JavaClass> beReachedOnlyFromTheirPackageOr(String root, String... compositionPackages) {
        java.util.Set<String> exact = java.util.Set.of(compositionPackages);
        return new ArchCondition<>("be reached only from their own package, " + root + " or " + exact) {
            @Override
            public void check(JavaClass target, ConditionEvents events) {
                for (Dependency d : target.getDirectDependenciesToSelf()) {
                    String from = d.getOriginClass().getPackageName();
                    if (!from.equals(target.getPackageName()) && !from.equals(root) && !from.startsWith(root + ".")
                            && !exact.contains(from)) {
                        events.add(SimpleConditionEvent.violated(d, d.getDescription()));
                    }
                }
            }
        };
    }
}
