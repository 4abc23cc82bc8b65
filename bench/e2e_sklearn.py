#!/usr/bin/env python3
"""scikit-learn's side of bench/e2e.sh, timed as a whole process like backprop's command.

  e2e_sklearn.py train DATA.csv MODEL.pkl EPOCHS   pandas read, min-max scaling of inputs and target, MLPRegressor
                                                   (64 logistic hidden units, identity output, plain SGD with
                                                   learning rate 0.1, batch 256, EPOCHS epochs, no shuffling, no
                                                   momentum, no L2, no early stopping), model pickled
  e2e_sklearn.py predict DATA.csv MODEL.pkl OUT.csv   pandas read, predict, inputs and predictions with to_csv
"""
import pickle
import sys
import warnings

import pandas as pd
from sklearn.exceptions import ConvergenceWarning
from sklearn.neural_network import MLPRegressor
from sklearn.preprocessing import MinMaxScaler


def train(data, model_file, epochs):
    frame = pd.read_csv(data)
    x, y = frame.iloc[:, :-1].to_numpy(), frame.iloc[:, -1:].to_numpy()
    x_scaler, y_scaler = MinMaxScaler().fit(x), MinMaxScaler().fit(y)
    net = MLPRegressor(hidden_layer_sizes=(64,), activation="logistic", solver="sgd", learning_rate_init=0.1,
                       batch_size=256, max_iter=epochs, shuffle=False, momentum=0.0, nesterovs_momentum=False,
                       alpha=0.0, tol=0.0, n_iter_no_change=10 ** 9, random_state=1)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        net.fit(x_scaler.transform(x), y_scaler.transform(y).ravel())
    with open(model_file, "wb") as f:
        pickle.dump((list(frame.columns), x_scaler, y_scaler, net), f)


def predict(data, model_file, out):
    with open(model_file, "rb") as f:
        columns, x_scaler, y_scaler, net = pickle.load(f)
    frame = pd.read_csv(data)
    inputs = frame[columns[:-1]]
    predicted = y_scaler.inverse_transform(net.predict(x_scaler.transform(inputs.to_numpy())).reshape(-1, 1))
    result = inputs.copy()
    result["predicted_" + columns[-1]] = predicted[:, 0]
    result.to_csv(out, index=False)


if __name__ == "__main__":
    if sys.argv[1] == "train":
        train(sys.argv[2], sys.argv[3], int(sys.argv[4]))
    else:
        predict(sys.argv[2], sys.argv[3], sys.argv[4])
