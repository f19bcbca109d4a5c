// natural's package root loads database adapters (and dotenv, which prints to stdout),
// so the project imports the few submodules it uses directly. They ship no typings of their own.
declare module 'natural/lib/natural/stemmers/porter_stemmer.js' {
  const PorterStemmer: { stem(token: string): string };
  export default PorterStemmer;
}
declare module 'natural/lib/natural/util/stopwords.js' {
  const stopwords: { words: string[] };
  export default stopwords;
}
declare module 'natural/lib/natural/distance/jaro-winkler_distance.js' {
  function JaroWinklerDistance(s1: string, s2: string, options?: { ignoreCase?: boolean }): number;
  export default JaroWinklerDistance;
}
declare module 'natural/lib/natural/distance/levenshtein_distance.js' {
  const distances: {
    DamerauLevenshteinDistance(source: string, target: string, options?: { restricted?: boolean; transposition_cost?: number }): number;
  };
  export default distances;
}

/** natural's classifiers share this interface; measured in the bench beside the engine's own learner. */
interface NaturalClassifier {
  addDocument(text: string, label: string): void;
  train(): void;
  classify(text: string): string;
  getClassifications(text: string): { label: string; value: number }[];
}
declare module 'natural/lib/natural/classifiers/bayes_classifier.js' {
  const BayesClassifier: new (stemmer?: unknown, smoothing?: number) => NaturalClassifier;
  export default BayesClassifier;
}
declare module 'natural/lib/natural/classifiers/logistic_regression_classifier.js' {
  const LogisticRegressionClassifier: new (stemmer?: unknown) => NaturalClassifier;
  export default LogisticRegressionClassifier;
}
