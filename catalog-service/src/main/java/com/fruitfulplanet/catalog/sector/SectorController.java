package com.fruitfulplanet.catalog.sector;

import com.fruitfulplanet.catalog.web.CatalogProblems;
import com.fruitfulplanet.catalog.web.NamePosition;
import com.fruitfulplanet.catalog.web.Versions;
import com.fruitfulplanet.platform.paging.Cursors;
import com.fruitfulplanet.platform.paging.Page;
import com.fruitfulplanet.platform.problem.Problems;
import jakarta.validation.Valid;
import java.net.URI;
import java.util.UUID;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** API.md "Catalog": sectors. Reads are public; writes need MANAGER or ADMIN (CatalogSecurityConfiguration). */
@RestController
@RequestMapping("/api/v1/sectors")
class SectorController {

    private final Sectors sectors;
    private final Versions versions;

    SectorController(Sectors sectors, Versions versions) {
        this.sectors = sectors;
        this.versions = versions;
    }

    @GetMapping
    Mono<Page<Sector>> list(@RequestParam(required = false) Integer limit,
            @RequestParam(required = false) String cursor) {
        int size = Cursors.limit(limit);
        NamePosition after = NamePosition.decode(cursor);
        return sectors.page(after == null ? null : after.name(), after == null ? null : after.id(), size + 1)
                .collectList()
                .map(rows -> Page.of(rows, size, last -> NamePosition.encode(last.id(), last.name())));
    }

    @GetMapping("/{id}")
    Mono<ResponseEntity<Sector>> get(@PathVariable UUID id) {
        return sectors.byId(id)
                .map(sector -> ResponseEntity.ok().eTag(Versions.etag(sector.version())).body(sector))
                .switchIfEmpty(Mono.error(() -> Problems.notFound("sector")));
    }

    @PostMapping
    Mono<ResponseEntity<Sector>> create(@Valid @RequestBody SectorRequest request) {
        String slug = request.slugOrFromName();
        return sectors.insert(UUID.randomUUID(), request.name().strip(), slug, request.descriptionOrEmpty())
                .map(sector -> ResponseEntity.created(URI.create("/api/v1/sectors/" + sector.id()))
                        .eTag(Versions.etag(sector.version())).body(sector))
                .switchIfEmpty(Mono.error(() -> CatalogProblems.duplicateSlug(slug)));
    }

    @PutMapping("/{id}")
    Mono<ResponseEntity<Sector>> replace(@PathVariable UUID id, @Valid @RequestBody SectorRequest request,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        Long expected = Versions.expected(ifMatch, request.version());
        String slug = request.slugOrFromName();
        return sectors.update(id, request.name().strip(), slug, request.descriptionOrEmpty(), expected)
                .onErrorMap(DuplicateKeyException.class, e -> CatalogProblems.duplicateSlug(slug))
                .switchIfEmpty(versions.missingOrStale(Versions.Table.SECTOR, id))
                .map(sector -> ResponseEntity.ok().eTag(Versions.etag(sector.version())).body(sector));
    }

    @DeleteMapping("/{id}")
    Mono<ResponseEntity<Void>> delete(@PathVariable UUID id,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        Long expected = Versions.expected(ifMatch, null);
        return sectors.softDelete(id, expected).flatMap(deleted -> deleted > 0
                ? Mono.just(ResponseEntity.noContent().<Void>build())
                : sectors.liveBrands(id).flatMap(brands -> brands > 0
                        ? Mono.error(CatalogProblems.notEmpty("sector", brands + " brand(s)"))
                        : versions.missingOrStale(Versions.Table.SECTOR, id)));
    }
}
