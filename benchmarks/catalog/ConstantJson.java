import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.UUID;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.context.ConfigurationPropertiesAutoConfiguration;
import org.springframework.boot.autoconfigure.context.PropertyPlaceholderAutoConfiguration;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.http.codec.autoconfigure.CodecsAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.reactor.netty.autoconfigure.NettyReactiveWebServerAutoConfiguration;
import org.springframework.boot.webflux.autoconfigure.HttpHandlerAutoConfiguration;
import org.springframework.boot.webflux.autoconfigure.WebFluxAutoConfiguration;
import org.springframework.boot.webflux.autoconfigure.error.ErrorWebFluxAutoConfiguration;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * The floor of the catalog benchmark (benchmarks/catalog/run.sh): a minimal Spring Boot WebFlux application, on
 * the same Spring Boot, Reactor Netty and JVM as catalog-service, whose one endpoint, {@code GET
 * /api/v1/products/{id}}, answers every id with the same bytes: the JSON of one real product, fetched from
 * catalog-service at setup, with the content type it came with. An annotated controller as the service's, but no
 * security, observation, database or cache: what serving that answer costs WebFlux alone.
 *
 * <p>Usage: {@code java -cp <catalog-service's libs> ConstantJson <body file> <content type> [--name=value]...},
 * the rest Spring Boot properties ({@code --server.port=...}).
 */
@SpringBootConfiguration
@ImportAutoConfiguration({PropertyPlaceholderAutoConfiguration.class, ConfigurationPropertiesAutoConfiguration.class,
        SslAutoConfiguration.class, JacksonAutoConfiguration.class, CodecsAutoConfiguration.class,
        NettyReactiveWebServerAutoConfiguration.class, HttpHandlerAutoConfiguration.class,
        WebFluxAutoConfiguration.class, ErrorWebFluxAutoConfiguration.class})
@Import(ConstantJson.Endpoint.class)
public class ConstantJson {

    record Body(byte[] bytes, MediaType type) {
    }

    @RestController
    static class Endpoint {

        private final Body body;

        Endpoint(Body body) {
            this.body = body;
        }

        @GetMapping("/api/v1/products/{id}")
        Mono<ResponseEntity<byte[]>> get(@PathVariable UUID id) {
            return Mono.just(ResponseEntity.ok().contentType(body.type()).body(body.bytes()));
        }
    }

    public static void main(String[] args) throws IOException {
        Body body = new Body(Files.readAllBytes(Path.of(args[0])), MediaType.parseMediaType(args[1]));
        SpringApplication application = new SpringApplication(ConstantJson.class);
        application.addInitializers(context -> context.getBeanFactory().registerSingleton("body", body));
        application.run(Arrays.copyOfRange(args, 2, args.length));
    }
}
