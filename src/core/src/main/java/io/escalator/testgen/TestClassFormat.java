package io.escalator.testgen;

import io.escalator.model.TaskFormat;

/**
 * A test-generation task: the class under test in full, the method to test, and the test class wanted back.
 *
 * @param testClass the test class's fully qualified name, e.g. {@code demo.CalculatorAddTest}
 */
record TestClassFormat(String classUnderTest, String path, String source, String testClass) implements TaskFormat {

    @Override
    public String describe(String objective, String method) {
        return "<task>\n  <objective>" + objective + "</objective>\n  <method>" + method + "</method>\n"
                + "  <class_under_test name=\"" + classUnderTest + "\" path=\"" + path + "\">\n" + source
                + "\n  </class_under_test>\n</task>";
    }

    @Override
    public String answerInstructions() {
        String packageName = testClass.contains(".") ? testClass.substring(0, testClass.lastIndexOf('.')) : "";
        String simpleName = testClass.substring(testClass.lastIndexOf('.') + 1);
        return "Reply with one complete Java source file and nothing else: the JUnit 5 test class " + simpleName
                + (packageName.isEmpty() ? " in the default package" : " in package " + packageName)
                + ", with several @Test methods that call the method and check its results with "
                + "org.junit.jupiter.api.Assertions (normal cases, edge cases, errors). Use only the JDK and JUnit 5; "
                + "do not read or write files, start processes, use the network or reflection.";
    }
}
