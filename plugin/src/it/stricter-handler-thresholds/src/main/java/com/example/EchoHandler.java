package com.example;

public class EchoHandler extends AbstractHandler {
}
