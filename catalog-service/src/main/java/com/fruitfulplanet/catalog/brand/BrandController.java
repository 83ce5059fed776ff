package com.fruitfulplanet.catalog.brand;

import com.fruitfulplanet.catalog.web.CatalogProblems;
import com.fruitfulplanet.catalog.web.NamePosition;
import com.fruitfulplanet.catalog.web.Versions;
import com.fruitfulplanet.platform.paging.Cursors;
import com.fruitfulplanet.platform.paging.Page;
import com.fruitfulplanet.platform.problem.Problems;
import jakarta.validation.Valid;
import java.net.URI;
import java.util.UUID;
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

/** API.md "Catalog": brands, optionally of one sector. Reads are public; writes need MANAGER or ADMIN. */
@RestController
@RequestMapping("/api/v1/brands")
class BrandController {

    private final Brands brands;
    private final BrandService service;
    private final Versions versions;

    BrandController(Brands brands, BrandService service, Versions versions) {
        this.brands = brands;
        this.service = service;
        this.versions = versions;
    }

    @GetMapping
    Mono<Page<Brand>> list(@RequestParam(required = false) UUID sector,
            @RequestParam(required = false) Integer limit, @RequestParam(required = false) String cursor) {
        int size = Cursors.limit(limit);
        NamePosition after = NamePosition.decode(cursor);
        return brands.page(sector, after == null ? null : after.name(), after == null ? null : after.id(), size + 1)
                .collectList()
                .map(rows -> Page.of(rows, size, last -> NamePosition.encode(last.id(), last.name())));
    }

    @GetMapping("/{id}")
    Mono<ResponseEntity<Brand>> get(@PathVariable UUID id) {
        return brands.byId(id)
                .map(brand -> ResponseEntity.ok().eTag(Versions.etag(brand.version())).body(brand))
                .switchIfEmpty(Mono.error(() -> Problems.notFound("brand")));
    }

    @PostMapping
    Mono<ResponseEntity<Brand>> create(@Valid @RequestBody BrandRequest request) {
        String slug = request.slugOrFromName();
        return brands.insert(UUID.randomUUID(), request.sectorId(), request.name().strip(), slug,
                        request.descriptionOrEmpty())
                .map(brand -> ResponseEntity.created(URI.create("/api/v1/brands/" + brand.id()))
                        .eTag(Versions.etag(brand.version())).body(brand))
                .switchIfEmpty(Mono.defer(() -> brands.liveSector(request.sectorId()).flatMap(there -> Mono.error(
                        there ? CatalogProblems.duplicateSlug(slug) : BrandService.noSuchSector()))));
    }

    @PutMapping("/{id}")
    Mono<ResponseEntity<Brand>> replace(@PathVariable UUID id, @Valid @RequestBody BrandRequest request,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        return service.replace(id, request, Versions.expected(ifMatch, request.version()))
                .map(brand -> ResponseEntity.ok().eTag(Versions.etag(brand.version())).body(brand));
    }

    @DeleteMapping("/{id}")
    Mono<ResponseEntity<Void>> delete(@PathVariable UUID id,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        return brands.softDelete(id, Versions.expected(ifMatch, null)).flatMap(deleted -> deleted > 0
                ? Mono.just(ResponseEntity.noContent().<Void>build())
                : brands.liveProducts(id).flatMap(products -> products > 0
                        ? Mono.error(CatalogProblems.notEmpty("brand", products + " product(s)"))
                        : versions.missingOrStale(Versions.Table.BRAND, id)));
    }
}
