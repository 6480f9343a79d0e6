package org.m3vit.app.ui.icons;

import javafx.scene.Group;
import javafx.scene.Node;
import javafx.scene.paint.Color;
import javafx.scene.shape.Circle;
import javafx.scene.shape.Line;
import javafx.scene.shape.Polygon;
import javafx.scene.shape.Polyline;
import javafx.scene.shape.Rectangle;
import javafx.scene.shape.Shape;
import javafx.scene.shape.StrokeLineCap;
import javafx.scene.shape.StrokeLineJoin;

/** The toolbar icons, 18x18 shapes drawn here (our own), in one ink colour. */
public final class Icons {

    private static final Color INK = Color.web("#2d3b4a");
    private static final Color ACCENT = Color.web("#f28e2b");

    private Icons() { }

    private static <S extends Shape> S stroke(S s) {
        s.setStroke(INK);
        s.setStrokeWidth(1.6);
        s.setFill(null);
        s.setStrokeLineCap(StrokeLineCap.ROUND);
        s.setStrokeLineJoin(StrokeLineJoin.ROUND);
        return s;
    }

    private static Group icon(Node... nodes) {
        Group g = new Group(new Rectangle(0, 0, 18, 18) {{ setFill(Color.TRANSPARENT); }});
        g.getChildren().addAll(nodes);
        return g;
    }

    /** A picture frame with a hill and a sun. */
    public static Node openImage() {
        Polygon hill = new Polygon(3, 14, 8, 8, 11, 11, 13, 9, 15, 14);
        hill.setFill(INK);
        Circle sun = new Circle(12.5, 5.5, 1.6, ACCENT);
        return icon(stroke(new Rectangle(1.5, 2.5, 15, 13)), hill, sun);
    }

    /** Three stacked expert boxes fed by a line. */
    public static Node openModel() {
        Rectangle a = stroke(new Rectangle(9, 1.5, 7.5, 4));
        Rectangle b = stroke(new Rectangle(9, 7, 7.5, 4));
        Rectangle c = stroke(new Rectangle(9, 12.5, 7.5, 4));
        b.setFill(ACCENT);
        Polyline p = stroke(new Polyline(1.5, 9, 5, 9, 9, 3.5));
        Line l2 = stroke(new Line(5, 9, 9, 9));
        Line l3 = stroke(new Line(5, 9, 9, 14.5));
        return icon(p, l2, l3, a, b, c);
    }

    /** A 3x3 grid. */
    public static Node grid() {
        Group g = icon(stroke(new Rectangle(1.5, 1.5, 15, 15)));
        g.getChildren().addAll(stroke(new Line(6.5, 1.5, 6.5, 16.5)), stroke(new Line(11.5, 1.5, 11.5, 16.5)),
                stroke(new Line(1.5, 6.5, 16.5, 6.5)), stroke(new Line(1.5, 11.5, 16.5, 11.5)));
        return g;
    }

    /** Three side-by-side panels. */
    public static Node allTasks() {
        return icon(stroke(new Rectangle(1, 4, 4.8, 10)), stroke(new Rectangle(6.6, 4, 4.8, 10)), stroke(new Rectangle(12.2, 4, 4.8, 10)));
    }

    /** A play triangle. */
    public static Node play() {
        Polygon p = new Polygon(5, 3, 15, 9, 5, 15);
        p.setFill(INK);
        return icon(p);
    }

    /** Two pause bars. */
    public static Node pause() {
        return icon(new Rectangle(4.5, 3, 3, 12) {{ setFill(INK); }}, new Rectangle(10.5, 3, 3, 12) {{ setFill(INK); }});
    }

    /** Step to the next ({@code forward}) or previous layer: a triangle and a bar. */
    public static Node step(boolean forward) {
        Polygon p = forward ? new Polygon(4, 4, 12, 9, 4, 14) : new Polygon(14, 4, 6, 9, 14, 14);
        p.setFill(INK);
        Rectangle bar = new Rectangle(forward ? 12.5 : 3, 4, 2.5, 10);
        bar.setFill(INK);
        return icon(p, bar);
    }

    /** An arrow leaving a tray. */
    public static Node export() {
        return icon(stroke(new Polyline(2, 10, 2, 16, 16, 16, 16, 10)), stroke(new Line(9, 12, 9, 2)),
                stroke(new Polyline(5, 5.5, 9, 1.5, 13, 5.5)));
    }

    /** A stop cross for cancel. */
    public static Node cancel() {
        Line a = stroke(new Line(4, 4, 14, 14));
        Line b = stroke(new Line(14, 4, 4, 14));
        a.setStroke(Color.web("#c0392b"));
        b.setStroke(Color.web("#c0392b"));
        a.setStrokeWidth(2.2);
        b.setStrokeWidth(2.2);
        return icon(a, b);
    }

    /** A question mark in a circle. */
    public static Node help() {
        Polyline q = stroke(new Polyline(6.5, 7, 6.8, 5.2, 9, 4, 11.3, 5.2, 11.5, 7, 9, 9, 9, 11));
        Circle dot = new Circle(9, 13.8, 1.1, INK);
        return icon(stroke(new Circle(9, 9, 7.5)), q, dot);
    }
}
