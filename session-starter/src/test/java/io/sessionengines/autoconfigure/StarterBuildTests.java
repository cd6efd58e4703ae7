package io.sessionengines.autoconfigure;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import javax.xml.parsers.DocumentBuilderFactory;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.annotation.ImportCandidates;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests that the starter's build keeps what its users rely on: the technologies it
 * supports stay optional dependencies, so an application gets only what it chose, and the
 * auto-configurations' conditions are written at build time, so Spring Boot filters them
 * without loading their classes.
 *
 * @author Session Engines contributors
 */
class StarterBuildTests {

	/**
	 * What every application of the starter needs; anything else is optional.
	 */
	private static final List<String> REQUIRED = List.of("session-engines", "spring-boot-autoconfigure");

	@Test
	void everyTechnologyDependencyIsOptional() throws Exception {
		Document pom = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(Path.of("pom.xml").toFile());
		Element dependencies = (Element) pom.getDocumentElement().getElementsByTagName("dependencies").item(0);
		List<String> required = new ArrayList<>();
		NodeList nodes = dependencies.getChildNodes();
		for (int i = 0; i < nodes.getLength(); i++) {
			if (nodes.item(i) instanceof Element dependency && dependency.getTagName().equals("dependency")) {
				String scope = text(dependency, "scope");
				if ((scope == null || scope.equals("compile") || scope.equals("runtime"))
						&& !"true".equals(text(dependency, "optional"))) {
					required.add(text(dependency, "artifactId"));
				}
			}
		}
		assertThat(required).as("the starter's non-optional dependencies")
			.containsExactlyInAnyOrderElementsOf(REQUIRED);
	}

	@Test
	void everyAutoConfigurationHasItsConditionsWrittenAtBuildTime() throws IOException {
		Properties metadata = new Properties();
		try (InputStream in = getClass().getResourceAsStream("/META-INF/spring-autoconfigure-metadata.properties")) {
			assertThat(in).as("spring-autoconfigure-metadata.properties").isNotNull();
			metadata.load(in);
		}
		List<String> autoConfigurations = new ArrayList<>();
		ImportCandidates.load(AutoConfiguration.class, getClass().getClassLoader()).forEach((name) -> {
			if (name.startsWith("io.sessionengines.")) {
				autoConfigurations.add(name);
			}
		});
		assertThat(autoConfigurations).isNotEmpty().allSatisfy((name) -> assertThat(metadata).containsKey(name));
	}

	private static @Nullable String text(Element element, String tag) {
		for (Node child = element.getFirstChild(); child != null; child = child.getNextSibling()) {
			if (child instanceof Element named && named.getTagName().equals(tag)) {
				return named.getTextContent().trim();
			}
		}
		return null;
	}

}
