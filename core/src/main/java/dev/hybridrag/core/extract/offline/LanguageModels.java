package dev.hybridrag.core.extract.offline;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.Collections;
import java.util.List;
import java.util.Properties;
import opennlp.tools.postag.POSModel;
import opennlp.tools.sentdetect.SentenceModel;

/**
 * Loads OpenNLP's English models from the Maven Central model jars (opennlp-models-*-en). Each jar holds one
 * {@code .bin} at its root and a {@code model.properties} naming it, so the names are read rather than hard-coded
 * and a model upgrade needs no code change.
 */
final class LanguageModels {

    private LanguageModels() {}

    static SentenceModel sentences() {
        try (InputStream in = open("-sentence-")) {
            return new SentenceModel(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load the OpenNLP sentence model", e);
        }
    }

    static POSModel partsOfSpeech() {
        try (InputStream in = open("-pos-")) {
            return new POSModel(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load the OpenNLP part-of-speech model", e);
        }
    }

    /** The .bin files of the pinned opennlp-models 1.3.0 jars. */
    private static final List<String> KNOWN_MODELS =
            List.of("opennlp-en-ud-ewt-pos-1.3-2.5.4.bin", "opennlp-en-ud-ewt-sentence-1.3-2.5.4.bin");

    private static InputStream open(String kind) throws IOException {
        ClassLoader loader = LanguageModels.class.getClassLoader();
        for (URL url : Collections.list(loader.getResources("model.properties"))) {
            Properties properties = new Properties();
            try (InputStream in = url.openStream()) {
                properties.load(in);
            }
            String name = properties.getProperty("model.name", "");
            if ("en".equals(properties.getProperty("model.language")) && name.contains(kind)) {
                InputStream model = loader.getResourceAsStream(name);
                if (model != null) {
                    return model;
                }
            }
        }
        // A shaded jar keeps only one of the model jars' model.properties; the .bin names themselves survive.
        for (String name : KNOWN_MODELS) {
            InputStream model = name.contains(kind) ? loader.getResourceAsStream(name) : null;
            if (model != null) {
                return model;
            }
        }
        throw new IllegalStateException("no English OpenNLP model '" + kind + "' on the class path: add "
                + "org.apache.opennlp:opennlp-models-" + (kind.contains("pos") ? "pos" : "sentdetect") + "-en");
    }
}
