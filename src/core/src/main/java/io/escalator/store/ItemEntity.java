package io.escalator.store;

import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primaryPartitionKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primarySortKey;

import io.escalator.run.Item;
import io.escalator.run.ItemStatus;
import java.time.Instant;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticTableSchema;

/** An item's record as stored. */
final class ItemEntity {

    static final String STATUS = "status";

    static final StaticTableSchema<ItemEntity> SCHEMA = StaticTableSchema.builder(ItemEntity.class)
            .newItemSupplier(ItemEntity::new)
            .addAttribute(String.class, a -> a.name(Keys.PK).getter(e -> e.pk).setter((e, v) -> e.pk = v).tags(primaryPartitionKey()))
            .addAttribute(String.class, a -> a.name(Keys.SK).getter(e -> e.sk).setter((e, v) -> e.sk = v).tags(primarySortKey()))
            .addAttribute(Long.class, a -> a.name(Keys.EXPIRES_AT).getter(e -> e.expiresAt).setter((e, v) -> e.expiresAt = v))
            .addAttribute(String.class, a -> a.name("runId").getter(e -> e.runId).setter((e, v) -> e.runId = v))
            .addAttribute(String.class, a -> a.name("itemId").getter(e -> e.itemId).setter((e, v) -> e.itemId = v))
            .addAttribute(String.class, a -> a.name("input").getter(e -> e.input).setter((e, v) -> e.input = v))
            .addAttribute(String.class, a -> a.name(STATUS).getter(e -> e.status).setter((e, v) -> e.status = v))
            .addAttribute(Integer.class, a -> a.name("tierIndex").getter(e -> e.tierIndex).setter((e, v) -> e.tierIndex = v))
            .addAttribute(String.class, a -> a.name("rule").getter(e -> e.rule).setter((e, v) -> e.rule = v))
            .addAttribute(String.class, a -> a.name("reason").getter(e -> e.reason).setter((e, v) -> e.reason = v))
            .addAttribute(Double.class, a -> a.name("finalCqs").getter(e -> e.finalCqs).setter((e, v) -> e.finalCqs = v))
            .build();

    String pk;
    String sk;
    Long expiresAt;
    String runId;
    String itemId;
    String input;
    String status;
    Integer tierIndex;
    String rule;
    String reason;
    Double finalCqs;

    static ItemEntity of(Item item, Instant expiresAt) {
        ItemEntity e = new ItemEntity();
        e.pk = Keys.run(item.runId());
        e.sk = Keys.item(item.id());
        e.expiresAt = expiresAt.getEpochSecond();
        e.runId = item.runId();
        e.itemId = item.id();
        e.input = item.input();
        e.status = item.status().name();
        e.tierIndex = item.tierIndex();
        e.rule = item.rule();
        e.reason = item.reason();
        e.finalCqs = item.finalCqs();
        return e;
    }

    Item toItem() {
        return new Item(runId, itemId, input, ItemStatus.valueOf(status), tierIndex, rule, reason, finalCqs);
    }
}
