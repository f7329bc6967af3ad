package io.escalator.report;

import static io.escalator.testkit.ScriptedChatModels.Answer.text;
import static io.escalator.testkit.TestLadders.CAPABLE;
import static io.escalator.testkit.TestLadders.CHEAP;
import static io.escalator.testkit.TestLadders.PREMIUM;
import static io.escalator.testkit.TestLadders.PREMIUM_ANALYZER;
import static io.escalator.testkit.TestLadders.PREMIUM_REVIEWER;
import static org.assertj.core.api.Assertions.assertThat;

import io.escalator.run.Run;
import io.escalator.run.RunStatus;
import io.escalator.testing.DynamoDbLocal;
import io.escalator.testing.DynamoDbLocalExtension;
import io.escalator.testkit.Engine;
import io.escalator.testkit.MutableClock;
import io.escalator.testkit.ScriptedChatModels;
import io.escalator.testkit.TestLadders;
import io.escalator.testkit.TestRuns;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

/**
 * The report as a page. It is written well-formed (as XML too), so the tests read it as a document: what is an
 * element there is markup, and no value of the report may become one.
 */
@ExtendWith(DynamoDbLocalExtension.class)
class HtmlReportTest {

    private static final String HOSTILE = "<script>alert(1)</script>";

    private final MutableClock clock = MutableClock.at("2100-03-01T10:00:00Z");
    private final ScriptedChatModels models = new ScriptedChatModels();
    private Engine engine;

    @BeforeEach
    void wire(DynamoDbLocal dynamoDb) {
        engine = Engine.on(dynamoDb.client(), dynamoDb.uniqueTableName("runs"), TestLadders.priced(), models, clock);
    }

    @Test
    void theChartHasARowPerItemAndAMarkPerAttemptColouredByResultAndLabelledWithItsCqs() throws Exception {
        Run run = ReportRuns.needsHuman(engine, clock);

        Document page = parse(HtmlReport.render(ProgressionReport.of(engine.load(run.id()), clock)));

        assertThat(textAt(page, "/html/head/title")).isEqualTo("Escalation report: run " + run.id());
        assertThat(count(page, "//svg[@class='progression']")).isEqualTo(1);
        assertThat(texts(page, "//svg[@class='progression']//text[@class='tier']")).containsExactly("cheap", "capable", "premium");
        assertThat(texts(page, "//svg[@class='progression']//text[@class='item']/text()")).containsExactly("a", "b");
        assertThat(texts(page, "//svg[@class='progression']//text[@class='item-status']"))
                .containsExactly("SUCCEEDED", "NEEDS_HUMAN");
        // a: cheap #1 fell short, cheap #2 passed; b: 2 cheap, 2 capable, 1 premium, all short
        assertThat(count(page, "//g[starts-with(@class, 'mark ')]")).isEqualTo(7);
        assertThat(texts(page, "//g[@class='mark passed']/text")).containsExactly("100");
        assertThat(count(page, "//g[@class='mark fell-short']")).isEqualTo(6);
        assertThat(texts(page, "//g[@class='mark fell-short']/text")).containsExactly("0", "0", "0", "0", "0", "11");
        assertThat(texts(page, "//g[@class='mark passed']/title")).containsExactly("a: cheap #2, CQS 100.0, passed");
        assertThat(count(page, "//polyline[@class='climb']")).as("one climb per item with more than one attempt").isEqualTo(2);
        assertThat(count(page, "//svg[@class='costs']//rect[@class='cost-bar']")).isEqualTo(3);
        assertThat(texts(page, "//svg[@class='costs']//rect/title"))
                .containsExactly("cheap: $0.0018 · 4 attempts", "capable: $0.02 · 2 attempts", "premium: $0.08 · 1 attempt");
    }

    @Test
    void thePageShowsStatusCostSavingsBudgetAndWhatNeedsAttention() throws Exception {
        Run run = ReportRuns.needsHuman(engine, clock);

        Document page = parse(HtmlReport.render(ProgressionReport.of(engine.load(run.id()), clock)));

        assertThat(textAt(page, "//span[@class='badge needs_human']")).isEqualTo("NEEDS_HUMAN");
        assertThat(fact(page, "Total cost")).isEqualTo("$0.11");
        assertThat(fact(page, "Saved")).isEqualTo("-$0.00105 (-1.0%)");
        assertThat(fact(page, "Cost")).isEqualTo("$0.11 of $1.00 ($0.89 left)");
        assertThat(fact(page, "Attempts")).isEqualTo("7 of 20");
        assertThat(fact(page, "Time cap")).isEqualTo("3600 s");
        assertThat(textAt(page, "//h3")).isEqualTo("b: NEEDS_HUMAN");
        assertThat(texts(page, "//pre")).containsExactly("question b",
                "Failure analysis: " + ReportRuns.ANALYSIS + "\nReviewer (confidence 0.4): the number is wrong");
        assertThat(texts(page, "//td/code")).containsExactly("accept-partial", "retry-top-tier", "abort");
    }

    @Test
    void everyValueIsEscapedSoNoAnswerOrInputBecomesMarkup() throws Exception {
        String hostileJson = HOSTILE.replace("\"", "\\\"");
        models.answer(CHEAP, text(HOSTILE, 100, 10)).answer(CAPABLE, text(HOSTILE, 100, 10))
                .answer(PREMIUM, text(HOSTILE, 100, 10)).answer(PREMIUM_ANALYZER, text("it wrote " + HOSTILE, 100, 10))
                .answer(PREMIUM_REVIEWER, text("{\"confidence\": 0.1, \"assessment\": \"" + hostileJson + "\"}", 100, 10));
        String itemId = "x\"><img src=x onerror=alert(2)>'&";
        Run run = engine.start(TestRuns.run().objective("Say " + HOSTILE).item(itemId, "Repeat " + HOSTILE));
        assertThat(engine.runToEnd(run.id())).isEqualTo(RunStatus.NEEDS_HUMAN);

        String html = HtmlReport.render(ProgressionReport.of(engine.load(run.id()), clock));

        assertThat(html.toLowerCase()).doesNotContain("<script", "<img");
        assertThat(html).contains("Say &lt;script&gt;alert(1)&lt;/script&gt;", "it wrote &lt;script&gt;alert(1)&lt;/script&gt;",
                "x&quot;&gt;&lt;img src=x onerror=alert(2)&gt;&#39;&amp;");
        Document page = parse(html);
        assertThat(count(page, "//script | //img | //*[@onerror]")).isZero();
        assertThat(fact(page, "Objective")).isEqualTo("Say " + HOSTILE);
        assertThat(texts(page, "//svg[@class='progression']//text[@class='item']/title")).containsExactly(itemId);
        assertThat(texts(page, "//pre")).contains("Repeat " + HOSTILE);
    }

    @Test
    void aRunWithoutItemsSaysSoInsteadOfAnEmptyChart() throws Exception {
        Run run = ReportRuns.succeeded(engine, clock);
        ProgressionReport report = ProgressionReport.of(engine.load(run.id()), clock);
        ProgressionReport withoutItems = new ProgressionReport(report.runId(), report.workflow(), report.objective(),
                report.status(), report.statusReason(), report.durationMs(), 0, report.tiers(), List.of(),
                report.finalResults(), report.costAnalysis(), report.budget(), null, null, List.of(),
                List.of());

        Document page = parse(HtmlReport.render(withoutItems));

        assertThat(count(page, "//svg[@class='progression']")).isZero();
        assertThat(texts(page, "//section/p[@class='muted']")).contains("No items.");
    }

    private static Document parse(String html) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(html.getBytes(StandardCharsets.UTF_8)));
    }

    private static int count(Document page, String xpath) throws Exception {
        return ((NodeList) XPathFactory.newInstance().newXPath().evaluate(xpath, page, XPathConstants.NODESET)).getLength();
    }

    private static String textAt(Document page, String xpath) throws Exception {
        return XPathFactory.newInstance().newXPath().evaluate(xpath, page);
    }

    private static List<String> texts(Document page, String xpath) throws Exception {
        NodeList nodes = (NodeList) XPathFactory.newInstance().newXPath().evaluate(xpath, page, XPathConstants.NODESET);
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            texts.add(nodes.item(i).getTextContent());
        }
        return texts;
    }

    /** The value beside a label of a fact list. */
    private static String fact(Document page, String label) throws Exception {
        return textAt(page, "//dt[.='" + label + "']/following-sibling::dd[1]").strip();
    }
}
